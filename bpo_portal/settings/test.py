"""Test runs: fast hashing, email kept in memory (django.core.mail.outbox), no debug."""

from bpo_portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# APIClient sends JSON, what the API reads (REST framework's default is multipart); a test sending a file says so.
REST_FRAMEWORK = {**REST_FRAMEWORK, "TEST_REQUEST_DEFAULT_FORMAT": "json"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"  # noqa: F405

# A second database for the read-replica router's tests (tests/project/test_replicas.py), created only for the
# tests that ask for it. It is a separate database, not a mirror, so a test can tell which one answered.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {**DATABASES["default"].get("TEST", {})}}  # noqa: F405
if DATABASES["replica"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["replica"]["TEST"]["NAME"] = f"test_{DATABASES['default']['NAME']}_replica"  # noqa: F405
# The facet summary is counted only by the tests that ask for it (tests/jobs/test_facet_summary.py): elsewhere a
# test sees its postings counted as soon as it makes them.
FACETS_SUMMARY_REFRESH = "off"
# Whole pages are kept only in the tests that ask for it (tests/project/test_page_cache.py): elsewhere a test
# sees what it changed on the next request, whatever way it changed it.
PAGE_CACHE_SECONDS = 0
