"""Local development: debug on, a fixed throwaway secret key, console email."""

from bpo_portal.settings.base import *  # noqa: F403
from bpo_portal.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
