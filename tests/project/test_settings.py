"""Settings read from the environment. Each case runs in a fresh interpreter, as a deployment starts one."""

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, production_variables, run


def read_settings(**variables):
    variables.setdefault("DJANGO_SETTINGS_MODULE", "bpo_portal.settings.local")
    script = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({'debug': s.DEBUG, 'db': s.DATABASES['default'], 'mailers': s.MAILERS,"
        " 'caches': s.CACHES, 'session_cookie_secure': s.SESSION_COOKIE_SECURE}, default=str))"
    )
    result = run([sys.executable, "-c", script], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Production ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "value"),
    [
        ("DJANGO_SECRET_KEY", None),
        ("DJANGO_SECRET_KEY", "too-short-to-be-a-real-secret"),
        ("DJANGO_ALLOWED_HOSTS", None),
        ("DATABASE_URL", None),
        ("EMAIL_URL", None),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing, value):
    result = run([sys.executable, "-c", "import django; django.setup()"], **production_variables(**{missing: value}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_passes_the_deployment_check():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_variables()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_ignores_django_debug():
    variables = production_variables(DJANGO_DEBUG="true")

    values = read_settings(**variables)

    assert values["debug"] is False
    assert values["session_cookie_secure"] is True


# --- DATABASE_URL -------------------------------------------------------------------------------


def test_database_defaults_to_the_project_sqlite_file():
    db = read_settings()["db"]

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == ROOT / "db.sqlite3"


def test_database_url_selects_postgresql():
    db = read_settings(DATABASE_URL="postgres://portal:s3cret@db.example.com:5433/portal")["db"]

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"], db["PASSWORD"]) == (
        "db.example.com",
        5433,
        "portal",
        "portal",
        "s3cret",
    )
    assert db["CONN_MAX_AGE"] == 60
    assert db["CONN_HEALTH_CHECKS"] is True


# --- EMAIL_URL ----------------------------------------------------------------------------------


def test_email_url_configures_an_smtp_mailer_with_tls():
    mailers = read_settings(EMAIL_URL="smtp+tls://u:p@mail.example.com:587")["mailers"]

    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = mailers["default"]["OPTIONS"]
    assert options["host"] == "mail.example.com"
    assert options["port"] == 587
    assert options["username"] == "u"
    assert options["password"] == "p"
    assert options["use_tls"] is True
    assert "use_ssl" not in options


def test_email_url_filemail_keeps_an_absolute_folder_absolute(tmp_path):
    """filemail:///var/mail/site writes to /var/mail/site, not to var/mail/site under the working directory."""
    mailers = read_settings(EMAIL_URL=f"filemail://{tmp_path}")["mailers"]

    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert mailers["default"]["OPTIONS"] == {"file_path": str(tmp_path)}


def test_email_defaults_to_the_console():
    mailers = read_settings()["mailers"]

    assert mailers == {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}}


# --- REDIS_URL ----------------------------------------------------------------------------------


def test_cache_is_local_memory_without_redis_url():
    caches = read_settings()["caches"]

    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_selects_django_redis():
    caches = read_settings(REDIS_URL="redis://127.0.0.1:6379/1")["caches"]

    assert caches["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_production_serves_without_the_demo_tooling():
    """factory-boy and Faker are in requirements-demo.txt only: production loads every app, URL and admin without
    them, and has no seed_demo command to run by mistake."""
    script = (
        "import sys, django; django.setup();"
        "from django.conf import settings; from django.urls import get_resolver; from django.contrib import admin;"
        "get_resolver().url_patterns; admin.autodiscover();"
        "from django.core.management import get_commands;"
        "print(sorted(m for m in ('factory', 'faker', 'demo') if m in sys.modules), 'demo' in settings.INSTALLED_APPS,"
        " 'seed_demo' in get_commands())"
    )
    result = run([sys.executable, "-c", script], **production_variables())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[] False False"
