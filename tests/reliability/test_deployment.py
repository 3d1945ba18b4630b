"""Deployment: the Content Security Policy on every page (inline script only with the request's nonce), the
API docs without inline script, the admin's own limit on failed sign-ins, production's secure cookies and HSTS,
and no known vulnerability in the pinned requirements. `manage.py check --deploy --fail-level WARNING` under the
production settings is tests/project/test_settings.py::test_production_passes_the_deployment_check."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from demo.factories.accounts import SuperuserFactory
from demo.factories.directory import PublishedVendorFactory
from tests.helpers import make_job, production_variables, run

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# Data blocks are not run by browsers, so the policy does not apply to them.
DATA_TYPES = ("application/ld+json", "application/json")


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def inline_scripts(html: str) -> list[str]:
    return [attrs for attrs in SCRIPT.findall(html) if "src=" not in attrs and not any(t in attrs for t in DATA_TYPES)]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "vendor-list", "job-list", "job-detail", "vendor-detail", "login", "docs"])
def test_every_page_has_a_policy_that_runs_only_its_own_scripts(client, page):
    vendor = PublishedVendorFactory()
    job = make_job("Night shift agent")
    url = {
        "home": reverse("home"),
        "vendor-list": "/vendors/",
        "job-list": "/jobs/",
        "job-detail": job.get_absolute_url(),
        "vendor-detail": vendor.get_absolute_url(),
        "login": reverse("account_login"),
        "docs": reverse("api:docs"),
    }[page]

    response = client.get(url)

    assert response.status_code == 200
    rules = policy(response)
    assert rules["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
    # The nonce is in the header only when the page used it.
    nonces = [value[7:-1] for value in rules["script-src"] if value.startswith("'nonce-")]
    for attrs in inline_scripts(response.text):
        assert nonces and f'nonce="{nonces[0]}"' in attrs, f"inline script without the nonce on {url}: <script{attrs}>"


@pytest.mark.django_db
def test_the_api_docs_load_their_start_up_script_from_this_site(client):
    page = client.get(reverse("api:docs")).text

    sources = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert any("script" in source and source.startswith("/api/v1/docs/") for source in sources), sources
    script = client.get(next(source for source in sources if source.startswith("/api/v1/docs/")))
    assert script.status_code == 200
    assert "javascript" in script.headers["Content-Type"]
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.django_db
def test_the_admin_sign_in_stops_after_five_failures_from_one_address(client, settings):
    settings.ADMIN_LOGIN_FAILURES_ALLOWED = 5
    admin = SuperuserFactory(username="root")
    url = reverse("admin:login")
    for _ in range(5):
        assert client.post(url, {"username": "root", "password": "wrong"}).status_code == 200

    blocked = client.post(url, {"username": "root", "password": "correct horse battery staple"})

    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.content.decode()
    assert int(blocked.headers["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
    other = type(client)(REMOTE_ADDR="10.0.0.9")  # another address is not held up
    assert other.post(url, {"username": "root", "password": "correct horse battery staple"}).status_code == 302
    assert other.session["_auth_user_id"] == str(admin.pk)


def test_production_cookies_are_secure_and_hsts_is_a_year_with_preload():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT,"
        " 'django.middleware.csp.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE]))"
    )
    result = run([sys.executable, "-c", script], **production_variables())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True, 31536000, True, True, True]


def test_no_known_vulnerability_in_the_pinned_requirements():
    """pip-audit asks PyPI's vulnerability data about every pin. Where the index in reach does not know the
    packages (a mirror without PyPI's JSON API), nothing can be audited: the test says so and skips rather than
    passing on an empty audit."""
    if shutil.which("pip-audit", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("pip-audit is not installed (requirements-dev.txt)")
    result = subprocess.run(  # noqa: S603 - our own tool on our own files
        [
            str(Path(sys.executable).parent / "pip-audit"),
            *("-r", "requirements.txt", "-r", "requirements-dev.txt"),
            *(
                "--no-deps",
                "--disable-pip",
                "--vulnerability-service",
                "pypi",
                "--format",
                "json",
                "--progress-spinner",
                "off",
            ),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.skip(f"pip-audit could not reach a vulnerability service: {result.stderr.strip()[-300:]}")
    audited = [dep for dep in report["dependencies"] if "skip_reason" not in dep]
    if not audited:
        pytest.skip("pip-audit: the package index in reach knows none of the pins; run `make audit` where PyPI is")
    vulnerable = {dep["name"]: [v["id"] for v in dep["vulns"]] for dep in audited if dep["vulns"]}
    assert vulnerable == {}
    skipped = [dep["name"] for dep in report["dependencies"] if "skip_reason" in dep]
    assert skipped == [], f"not audited: {skipped}"


COMPRESSION_SCRIPT = """
import gzip, json
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

call_command("collectstatic", "--noinput", verbosity=0)
client = Client()

def answer(path, encodings):
    response = client.get(path, secure=True, headers={"accept-encoding": encodings})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return {
        "status": response.status_code,
        "encoding": response.get("Content-Encoding"),
        "cache": response.get("Cache-Control"),
        "vary": response.get("Vary", ""),
        "text": body[:2000].decode(errors="replace") if response.get("Content-Encoding") != "br" else "",
    }

css = staticfiles_storage.url("css/site.css")
print(json.dumps({
    "css_url": css,
    "hashed_css_br": answer(css, "gzip, deflate, br"),
    "hashed_css_gzip": answer(css, "gzip"),
    "plain_css": answer("/static/css/site.css", "gzip"),
    "page": answer("/no-such-page/", "gzip, deflate, br"),
    "page_uncompressed": answer("/no-such-page/", "identity"),
    "robots": answer("/robots.txt", "gzip"),
    "collected": sorted(p.name for p in (Path(str(settings.STATIC_ROOT)) / "css").iterdir()),
}))
"""


def test_production_compresses_pages_and_static_files_and_caches_hashed_names_for_a_year(tmp_path):
    """collectstatic writes each file under its hashed name with a gzip and a Brotli copy; WhiteNoise serves the copy
    the browser takes, cached a year (immutable) under the hashed name and a minute under the plain one; pages are
    gzipped by GZipMiddleware, with Vary: Accept-Encoding, and sent plain to a client that takes no gzip."""
    result = run(
        [sys.executable, "-c", COMPRESSION_SCRIPT],
        **production_variables(
            DJANGO_STATIC_ROOT=str(tmp_path / "static"), DJANGO_ALLOWED_HOSTS="testserver", DJANGO_LOG_LEVEL="ERROR"
        ),
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])

    hashed = found["css_url"].rsplit("/", 1)[1]
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.css", hashed)
    assert {hashed, f"{hashed}.gz", f"{hashed}.br"} <= set(found["collected"])
    assert found["hashed_css_br"]["encoding"] == "br"
    assert found["hashed_css_gzip"]["encoding"] == "gzip"
    assert found["hashed_css_gzip"]["text"].startswith(":root {")
    for answer in [found["hashed_css_br"], found["hashed_css_gzip"]]:
        assert answer["status"] == 200
        assert answer["cache"] == "max-age=315360000, public, immutable"
        assert "Accept-Encoding" in answer["vary"]
    assert found["plain_css"]["cache"] == "max-age=60, public"
    page = found["page"]
    assert (page["status"], page["encoding"]) == (404, "gzip")
    assert "accept-encoding" in page["vary"].lower() and "<title>Page not found" in page["text"]
    assert (
        found["page_uncompressed"]["encoding"] is None and "<title>Page not found" in found["page_uncompressed"]["text"]
    )
    assert (found["robots"]["encoding"], found["robots"]["status"]) == ("gzip", 200)
    assert "Sitemap: https://testserver/sitemap.xml" in found["robots"]["text"]
