"""Settings shared by every environment, read from the environment (see README, "Settings")."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the variables in the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "django_htmx",
    "allauth",
    "allauth.account",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "directory",
    "jobs",
    "insights",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "core.request_limits.AbandonedRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.page_cache.PublicPageCacheMiddleware",
    "core.outage.StatementTimeoutMiddleware",
]

# One backend: allauth's (a ModelBackend) finds the account by email address or username, for the admin and the
# API too, and checks one password hash whether the login succeeds, fails or names nobody (a dummy hash then). A
# second backend would hash again after a failure, and a failure would take longer than a success.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# How many proxies in front of the site append to X-Forwarded-For (the README prescribes one, TLS-terminating):
# every per-client limit finds the client's address with it (core/client_address.py). 0: REMOTE_ADDR, and
# X-Forwarded-For is ignored. API_NUM_PROXIES is its former name, still read.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=env.int("API_NUM_PROXIES", default=0))

# Accounts (django-allauth): sign in with email or username, and nothing is posted before the email address
# is verified. Failed logins are rate-limited per IP address and per account (allauth's rate limits, in
# the cache).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[BPO Portal] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("ACCOUNT_LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

ROOT_URLCONF = "bpo_portal.urls"
WSGI_APPLICATION = "bpo_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.context_processors.shortlist",
                "django.template.context_processors.csp",
                "core.page_cache.csrf_hole",
            ],
        },
    },
]

# PostgreSQL ends any statement that runs longer than this (milliseconds; 0: no limit), so that no request holds
# a connection and a worker for long: the request gets a 503 (core/outage.py). Set on each connection
# (`-c statement_timeout`); migrate and seed_demo lift it for their own session. SQLite has no such limit.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=10_000)
# PostgreSQL's JIT compiler, off by default on the site's connections: it compiles a query the planner thinks
# costly before running it, and for this site's queries (at a million postings) compiling took 0.4 to 0.7 s where
# running took less. Analytical work outside the site (psql, reports) keeps the server's own setting.
DATABASE_JIT = env.bool("DATABASE_JIT", default=False)


def _with_session_options(config: dict) -> dict:
    """`config` (a DATABASES entry) with PostgreSQL's statement_timeout, and jit off unless DATABASE_JIT, added to
    the connection's start-up options."""
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        given = options.get("options", "")  # from DATABASE_URL's ?options=..., kept
        if DATABASE_STATEMENT_TIMEOUT_MS:
            given = f"{given} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
        if not DATABASE_JIT:
            given = f"{given} -c jit=off"
        options["options"] = given.strip()
    return config


# DATABASE_URL picks the engine: an SQLite file in the project folder by default, so the
# project runs with no database server; postgres://user@host:port/name in production and CI.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while the dev server or seed_demo writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    _with_session_options(DATABASES["default"])

# An optional PostgreSQL read replica: safe requests from clients that have not just written read from it
# (core/replicas.py); writes, transactions, commands and tasks stay on the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
REPLICA_STICKY_SECONDS = env.int("DATABASE_REPLICA_STICKY_SECONDS", default=15)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _with_session_options(
        {
            **env.db_url_config(DATABASE_REPLICA_URL),
            "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
            "CONN_HEALTH_CHECKS": True,
        }
    )
    DATABASE_ROUTERS = ["core.replicas.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "core.replicas.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Redis is an optional cache: local memory when REDIS_URL is unset.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Email goes through Django's backends; EMAIL_URL picks one: smtp+tls://user:password@host:587,
# smtps://..., consolemail:// (the default: printed to the console) or filemail:///path.
def _mailer_from_url(url: str) -> dict:
    config = environ.Env.email_url_config(url)
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER"),
        "password": config.get("EMAIL_HOST_PASSWORD"),
        "use_tls": config.get("EMAIL_USE_TLS"),
        "use_ssl": config.get("EMAIL_USE_SSL"),
        "file_path": config.get("EMAIL_FILE_PATH"),
    }
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        # environ drops the leading slash of filemail:///absolute/path; the URL's own path keeps it.
        options = {"file_path": urlsplit(url).path} if backend.endswith("filebased.EmailBackend") else {}
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v not in (None, "")}}


MAILERS = {"default": _mailer_from_url(env("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="BPO Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Resumes: never under MEDIA_ROOT (which a web server may serve); only the resume view hands them out, to the
# applicant and to the employer applied to.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
RESUME_MAX_BYTES = 5 * 1024 * 1024
# Request bodies: a longer declared Content-Length is a 413 before anything is read (core/request_limits.py); the
# proxy's own limit (nginx client_max_body_size) should match. Twice a resume's limit, so that a resume somewhat
# over it reaches the form, which says what the limit is.
REQUEST_BODY_MAX_BYTES = env.int("DJANGO_REQUEST_BODY_MAX_BYTES", default=2 * RESUME_MAX_BYTES)
# Bodies without their files (forms, JSON): Django's request.POST and the API's parsers refuse longer ones.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_BYTES", default=2_621_440)
# Uploaded files past this size are spooled to a temporary file (mode 0600) rather than kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The site's address as people reach it, for links in emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Background tasks (django.tasks): the queue lives in the project's database (django-tasks-db), so no other
# server is needed; `make worker` runs a worker. See the README to move to a Redis or Celery backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Daily limits per account against abuse: job postings created, inquiries sent, reviews written.
DAILY_LIMITS = {"job_posting": 10, "inquiry": 20, "review": 5}
# Inquiry confirmation emails (an inquiry from an address its sender has not confirmed) asked for from one client
# address in the window; past it, the form says so and the API answers 429: nobody has the site mail strangers.
INQUIRY_CONFIRMATIONS_PER_CLIENT = env.int("INQUIRY_CONFIRMATIONS_PER_CLIENT", default=10)
INQUIRY_CONFIRMATION_WINDOW_SECONDS = 60 * 60


def _api_renderers(browsable: bool) -> list[str]:
    """JSON; and REST framework's browsable API (an HTML page with forms for every endpoint) when asked for."""
    return ["rest_framework.renderers.JSONRenderer"] + (
        ["rest_framework.renderers.BrowsableAPIRenderer"] if browsable else []
    )


# The browsable API is a development tool: on with debug, off otherwise (production too) unless API_BROWSABLE
# asks for it. The schema (/api/v1/schema/) and the Swagger UI page (/api/v1/docs/) are served either way.
API_BROWSABLE = env.bool("API_BROWSABLE", default=DEBUG)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": _api_renderers(API_BROWSABLE),
    # Token first, so that a request without credentials gets 401 with `WWW-Authenticate: Token`.
    # Both refuse an account whose email address is not confirmed (core/api/auth.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.TokenAuthentication",
        "accounts.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.base.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.base.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttles.AnonThrottle", "core.api.throttles.UserThrottle"],
    # The API reads JSON: a form encoding cannot carry the objects and lists of its bodies (a brief's hours, a
    # posting's salary), and the OpenAPI document lists exactly what each operation reads. The operations that
    # take a file say so (applying: multipart; the seeker profile: JSON or multipart); anything else is a 415.
    # The project's JSON parser refuses bodies nested deeper than real ones with a 400.
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "core.api.base.api_exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    # Our throttles find the client with core.client_address; REST framework's own readers get the same count.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# The vendor matcher's cost estimate: the hours a full-time agent is productive in a month (paid hours less
# breaks, training and leave); the quote is agents x these hours x a center's hourly rate band.
MATCHER_PRODUCTIVE_HOURS_PER_FTE = env.int("MATCHER_PRODUCTIVE_HOURS_PER_FTE", default=160)
# How long a matcher answer is reused for the same brief (0: never). Any change to a vendor it reads starts afresh.
MATCHER_CACHE_SECONDS = env.int("MATCHER_CACHE_SECONDS", default=60)
# Facet counts are cached this long per page and selection (core/facets.py); 0 counts on every request.
FACETS_CACHE_SECONDS = env.int("FACETS_CACHE_SECONDS", default=60)
# How the kept summaries (core/summaries.py: the job facet summary, counted again when half that old; the pay ledger,
# cost table and demand) are counted again: `task` (by the task worker, `make worker`; production's default),
# `background` (in a thread of the web process: nobody waits, no worker needed), `inline` (before the request
# answers) or `off` (count the postings on every miss).
FACETS_SUMMARY_REFRESH = env.str("FACETS_SUMMARY_REFRESH", default="background")
if FACETS_SUMMARY_REFRESH not in ("task", "background", "inline", "off"):
    raise ImproperlyConfigured("FACETS_SUMMARY_REFRESH must be task, background, inline or off.")
# The summary service (`core.summary_service`, `manage.py serve_summaries`): the Unix socket it listens on and
# the web workers ask it over, holding the job facet cube and the pay ledger for all of them (empty: each process
# reads the summaries itself); how long a worker waits for an answer before counting in the database; the modules
# whose marked functions it answers.
SUMMARY_SERVICE_SOCKET = env.str("SUMMARY_SERVICE_SOCKET", default="")
SUMMARY_SERVICE_TIMEOUT = env.float("SUMMARY_SERVICE_TIMEOUT", default=2.0)
SUMMARY_SERVICE_MODULES = ("jobs.filters", "insights.summaries")
# Whole public pages kept for visitors with no session (core/page_cache.py), for this many seconds; 0 turns it
# off. A change to any model of PAGE_CACHE_APPS, less the private ones, draws a new version of every page at once
# (a takedown, a new posting), and so does a summary counted again after such a change (its new counts); this
# bounds what changes without such a save (a posting past its expiry, the posted-within bands). A kept page asked
# again once it is this old is rendered again by one request: at 60 s those renders were more work than all the
# first renders of the benchmark's load (bench/README.md).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How many such pages the whole site renders at once (0: no limit); a request for a page when all are busy gets
# the page's older copy, or a 503 with Retry-After. Fewer than the web workers, so some are left for the rest.
PAGE_CACHE_RENDER_SLOTS = env.int("PAGE_CACHE_RENDER_SLOTS", default=0)
# How many requests for a page with no copy yet may wait (up to 2 s) for a busy render slot instead of a 503; while
# one waits, pages that have a copy are not rendered again. 0: none waits.
PAGE_CACHE_RENDER_QUEUE = env.int("PAGE_CACHE_RENDER_QUEUE", default=0)
# The public pages that may be kept (path prefixes; the home page too). Sign-in, the dashboards, the admin and the
# health check are never kept, nor held back by the render limit.
PAGE_CACHE_PATHS = [
    "/jobs/",
    "/vendors/",
    "/insights/",
    "/sitemap",
    "/api/v1/jobs/",
    "/api/v1/vendors/",
    "/api/v1/insights/",
    "/api/v1/services/",
    "/api/v1/industries/",
    "/api/v1/languages/",
    "/api/v1/compliance-standards/",
    "/api/v1/skills/",
    "/api/v1/certifications/",
]
PAGE_CACHE_APPS = ["core", "directory", "jobs", "insights"]
PAGE_CACHE_PRIVATE_MODELS = [
    "core.Summary",
    "core.SearchWord",
    "directory.ClaimRequest",
    "directory.Inquiry",
    "directory.Invitation",
    "directory.Membership",
    "directory.VendorMatchRow",
    "directory.VendorRevision",
    "jobs.AlertDelivery",
    "jobs.Application",
    "jobs.SavedJob",
    "jobs.SavedSearch",
    "jobs.SeekerLanguage",
    "jobs.SeekerProfile",
]
# Requests per client: `anon` per IP address, `user` per account, `login` token requests per IP address,
# `match` vendor matcher briefs per IP address.
API_THROTTLE_RATES = {
    "anon": env("API_THROTTLE_ANON", default="120/minute"),
    "user": env("API_THROTTLE_USER", default="600/minute"),
    "login": env("API_THROTTLE_LOGIN", default="10/minute"),
    "login_account": env("API_THROTTLE_LOGIN_ACCOUNT", default="5/minute"),
    # Vendor matcher briefs per client address, on the API and the matcher page together.
    "match": env("API_THROTTLE_MATCH", default="30/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BPO Portal API",
    "DESCRIPTION": "The BPO and call-center vendor directory and the CSR job board. Reads are open to everyone; "
    "writes need `Authorization: Token <token>` from `POST /api/v1/auth/token/`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JobPostingStatusEnum": "jobs.choices.JobPostingStatus",
        "VendorStatusEnum": "directory.choices.VendorStatus",
        "WorkArrangementEnum": "jobs.choices.WorkArrangement",
        "EmploymentTypeEnum": "jobs.choices.EmploymentType",
        "ShiftEnum": "jobs.choices.Shift",
        "JobRoleEnum": "jobs.choices.JobRole",
        "AccountTypeEnum": "jobs.choices.AccountType",
        "CallDirectionEnum": "jobs.choices.CallDirection",
        "EducationLevelEnum": "jobs.choices.EducationLevel",
        "VendorHoursEnum": "directory.choices.VendorHours",
        "PricingModelEnum": "directory.choices.PricingModel",
        "CountryEnum": "django_countries.countries",
        "CEFRLevelEnum": "jobs.choices.CEFRLevel",
    },
}

# Content Security Policy (Django's own, django.middleware.csp): scripts only from this site's static files, or
# inline with the request's nonce ({{ csp_nonce }}); no plugins, no framing, forms post only here. Styles may be
# inline: Swagger UI and htmx's request indicator set style attributes, and styles cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Failed sign-ins to /admin/ per client address before it answers 429 for the rest of the window (seconds).
ADMIN_LOGIN_FAILURES_ALLOWED = env.int("ADMIN_LOGIN_FAILURES_ALLOWED", default=5)
ADMIN_LOGIN_WINDOW_SECONDS = 15 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# How long a published job posting stays up unless its employer or a curator says otherwise.
JOB_POSTING_DEFAULT_LIFETIME_DAYS = env.int("JOB_POSTING_LIFETIME_DAYS", default=60)
