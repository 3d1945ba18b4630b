"""Production: no defaults for secrets, HTTPS everywhere. Fails at start-up when a required variable is missing."""

from django.core.exceptions import ImproperlyConfigured

from bpo_portal.settings.base import *  # noqa: F403
from bpo_portal.settings.base import _api_renderers, _mailer_from_url, _with_session_options, env

DEBUG = False
# The demo tooling (seed_demo, its factories and Faker) is not installed in production (requirements-demo.txt).
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]  # noqa: F405
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters in production."
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    # Any Host header would be believed: links built from it (password resets, sign-up confirmations) could
    # point at an attacker's site, and cached pages be stored under hosts nobody serves.
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names in production (e.g. bpo.example.com,"
        "www.bpo.example.com); '*' and an empty list are refused."
    )
# No SQLite file and no console email in production: both must be given. (The replica, if any, is base's.)
DATABASES["default"] = _with_session_options(  # noqa: F405
    {**env.db("DATABASE_URL"), "CONN_MAX_AGE": env.int("DJANGO_CONN_MAX_AGE", default=60), "CONN_HEALTH_CHECKS": True}
)
MAILERS = {"default": _mailer_from_url(env("EMAIL_URL"))}
# JSON only: the browsable API's HTML pages are a development tool, unless API_BROWSABLE=true asks for them.
API_BROWSABLE = env.bool("API_BROWSABLE", default=False)
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = _api_renderers(API_BROWSABLE)  # noqa: F405
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# WhiteNoise serves the collected static files right after the security middleware: hashed names cached for a
# year (immutable), each precompressed by collectstatic (gzip, and Brotli with the Brotli package) and chosen by the
# request's Accept-Encoding. Below it, GZipMiddleware compresses what the views answer (HTML, JSON, XML), outside
# every middleware that reads or writes a body; the static files never reach it. On BREACH (docs/deployment.md):
# the CSRF token is masked afresh in every response, Django pads each compressed answer with random bytes, the
# session cookie is SameSite=Lax and no page shows an API token.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")  # noqa: F405
MIDDLEWARE.insert(_security + 1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
MIDDLEWARE.insert(_security + 2, "django.middleware.gzip.GZipMiddleware")  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", default="WARNING")  # noqa: F405

# The kept summaries (core/summaries.py) are counted again by the task worker, which production runs anyway for the
# alert emails: a web worker then only loads them, and never holds the memory or the seconds a count takes.
FACETS_SUMMARY_REFRESH = env.str("FACETS_SUMMARY_REFRESH", default="task")
# One render of a kept page at a time per core across the site: the other workers answer the kept pages. On the 2
# cores of the reference machine 2 slots refused 40% fewer first renders than 1 within the load's latency goals,
# and 3 with a queue kept them waiting past them (bench/README.md).
PAGE_CACHE_RENDER_SLOTS = env.int("PAGE_CACHE_RENDER_SLOTS", default=2)
# None waits for it by default: on the reference machine, two waiting places cut the busy 503s by 5% and tripled
# the load's median latency (bench/README.md).
PAGE_CACHE_RENDER_QUEUE = env.int("PAGE_CACHE_RENDER_QUEUE", default=0)
