"""Local development: debug on, a fixed throwaway secret key, console email."""

from bpo_portal.settings.base import *  # noqa: F403
from bpo_portal.settings.base import _api_renderers, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
API_BROWSABLE = env.bool("API_BROWSABLE", default=DEBUG)
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = _api_renderers(API_BROWSABLE)  # noqa: F405
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
# A template or a row changed while developing shows at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
