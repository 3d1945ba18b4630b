"""Limits that keep one hostile or unlucky request from hurting the site: bodies nested too deep or too large,
files others could read, the browsable API and any host name in production, statements that run too long, and
curators who would make themselves members of an organization."""

import io
import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
import rest_framework.parsers
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import pre_migrate
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

import core.api.parsers
from demo.factories.accounts import CuratorFactory, SeekerFactory, VerifiedUserFactory
from demo.factories.directory import EmployerFactory, PublishedVendorFactory, VendorMembershipFactory
from demo.factories.jobs import PublishedJobPostingFactory
from directory.models import ClaimRequest, Inquiry, Membership
from jobs.models import Application, SeekerProfile
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def inquiry_json(**changes) -> dict:
    return {
        "name": "Ana Reyes",
        "email": "ana@example.com",
        "seats": 10,
        "message": "Chat support from March.",
        **changes,
    }


# --- Deeply nested JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [20_000, 5_000, 100])
def test_vendor_match_refuses_deeply_nested_json_with_a_400(depth):
    response = APIClient().post("/api/v1/vendors/match/", nested(depth), content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize("depth", [20_000, 5_000, 100])
def test_an_inquiry_nested_too_deep_is_a_400_and_sends_nothing(depth):
    vendor = PublishedVendorFactory()
    body = '{"name": "Ana", "email": "ana@example.com", "seats": 10, "message": ' + nested(depth) + "}"

    for client in (APIClient(), client_for(VerifiedUserFactory())):
        response = client.post(f"/api/v1/vendors/{vendor.slug}/inquiries/", body, content_type="application/json")

        assert response.status_code == 400
        assert "JSON parse error" in response.json()["detail"]
    assert Inquiry.objects.count() == 0


def test_json_nested_as_deep_as_real_bodies_is_still_read():
    vendor = PublishedVendorFactory()

    response = client_for(VerifiedUserFactory()).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_json(), format="json"
    )

    assert response.status_code == 201, response.json()


def api_views():
    """(route, view callback) for every view under /api/."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    return [(route, view) for route, view in walk(get_resolver().url_patterns) if route.startswith("api/")]


def test_every_api_view_reads_json_with_the_projects_parser():
    """The project's JSON parser refuses nesting that REST framework's own crashes on (or lets through); a view
    naming REST framework's parser directly (ObtainAuthToken does) would skip that."""
    checked = 0
    for route, view in api_views():
        if not hasattr(view, "cls"):
            continue
        parsers = getattr(view, "initkwargs", {}).get("parser_classes") or view.cls.parser_classes
        for parser in parsers:
            if issubclass(parser, rest_framework.parsers.JSONParser):
                assert parser is core.api.parsers.JSONParser, f"{route}: {parser.__module__}.{parser.__name__}"
                checked += 1
    assert checked > 20


# --- Request body size --------------------------------------------------------------------------


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def sent_with_declared_length(client, path, length, content_type):
    return client.generic(
        "POST", path, b"", content_type=content_type, CONTENT_LENGTH=str(length), **{"wsgi.input": UnreadableBody()}
    )


def test_an_api_body_over_the_limit_is_a_413_before_it_is_read(settings):
    vendor = PublishedVendorFactory()
    too_long = settings.REQUEST_BODY_MAX_BYTES + 1

    response = sent_with_declared_length(
        client_for(VerifiedUserFactory()), f"/api/v1/vendors/{vendor.slug}/inquiries/", too_long, "application/json"
    )

    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert Inquiry.objects.count() == 0


def test_a_resume_upload_over_the_limit_is_a_413_before_it_is_read(client, settings):
    posting = PublishedJobPostingFactory()
    seeker = SeekerFactory()
    client.force_login(seeker)
    too_long = settings.REQUEST_BODY_MAX_BYTES + 1

    page = sent_with_declared_length(
        client, f"/jobs/{posting.slug}/apply/", too_long, "multipart/form-data; boundary=x"
    )
    api = sent_with_declared_length(
        client_for(seeker), f"/api/v1/jobs/{posting.slug}/apply/", too_long, "multipart/form-data; boundary=x"
    )

    assert page.status_code == 413
    assert "Nothing was saved" in page.content.decode()
    assert api.status_code == 413
    assert Application.objects.count() == 0


def test_the_limit_leaves_room_for_the_largest_resume_accepted(settings):
    assert settings.REQUEST_BODY_MAX_BYTES > settings.RESUME_MAX_BYTES


@pytest.mark.parametrize(("body_format", "status"), [("json", 413), ("form", 415)])
def test_an_api_body_over_data_upload_max_memory_size_is_a_413_in_json(settings, body_format, status):
    """Django's limit on a body without its files, as the API says it: a 413 in JSON, not Django's 400 page. The
    API reads JSON only, so a form body is refused for its type (415) before its size matters."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    vendor = PublishedVendorFactory()
    body = inquiry_json(padding="x" * (128 * 1024))
    encoded = (json.dumps(body), "application/json") if body_format == "json" else (urlencode(body), FORM_CONTENT_TYPE)

    response = client_for(VerifiedUserFactory()).generic(
        "POST", f"/api/v1/vendors/{vendor.slug}/inquiries/", encoded[0], content_type=encoded[1]
    )

    assert response.status_code == status
    assert response.json()["detail"]
    assert "limit" in response.json()["detail"] or status == 415
    assert Inquiry.objects.count() == 0


# --- Resumes on disk ----------------------------------------------------------------------------


def pdf(size: int) -> SimpleUploadedFile:
    head = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    return SimpleUploadedFile("cv.pdf", head + b"0" * (size - len(head)), content_type="application/pdf")


@pytest.fixture
def private_root(settings, tmp_path):
    """A private media folder that does not exist yet, and the umask most servers run with (0644 files)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    previous = os.umask(0o022)
    yield settings.PRIVATE_MEDIA_ROOT
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def folders_between(root: Path, file: Path) -> list[Path]:
    return [folder for folder in file.parents if folder == root or root in folder.parents]


# Kept in memory, and over FILE_UPLOAD_MAX_MEMORY_SIZE: spooled to a temporary file, then moved into place.
@pytest.mark.parametrize("size", [10_000, 3 * 1024 * 1024])
def test_a_resume_sent_with_an_application_is_readable_by_the_site_alone(client, private_root, size):
    posting = PublishedJobPostingFactory()
    client.force_login(SeekerFactory())

    client.post(f"/jobs/{posting.slug}/apply/", {"resume": pdf(size)})

    stored = Path(Application.objects.get().resume.path)
    assert private_root in stored.parents
    assert mode(stored) == 0o600
    assert [mode(folder) for folder in folders_between(private_root, stored)] == [0o700] * 4  # resumes/YYYY/MM


def test_a_profile_resume_is_readable_by_the_site_alone(private_root):
    profile = SeekerProfile.objects.create(user=SeekerFactory())

    profile.resume.save("cv.pdf", pdf(10_000), save=True)

    stored = Path(profile.resume.path)
    assert mode(stored) == 0o600
    assert {mode(folder) for folder in folders_between(private_root, stored)} == {0o700}


# --- Production settings ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def run_production(script: str, **overrides) -> subprocess.CompletedProcess:
    """`script` in a fresh interpreter under the production settings, given only the variables set here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "EMAIL_URL", "API_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(45),
            "DJANGO_ALLOWED_HOSTS": "bpo.example.com",
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}",
            "EMAIL_URL": "smtp+tls://u:p@mail.example.com:587",
            **overrides,
        }
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and project
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("hosts", ["*", "bpo.example.com,*", ""])
def test_production_refuses_to_start_when_any_host_is_allowed(hosts):
    result = run_production("import django; django.setup()", DJANGO_ALLOWED_HOSTS=hosts)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS must list the site's host names" in result.stderr


# Requests that REST framework answers before any view reads the database (content negotiation comes first).
PRODUCTION_API_REQUESTS = """
import json, django
django.setup()
from django.test import Client, override_settings
# Production's static files need `collectstatic`'s manifest; the plain storage names them without one.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(HTTP_HOST="bpo.example.com")
def status(path, **headers):
    return client.get(path, secure=True, headers=headers).status_code
print(json.dumps({
    "format_api": status("/api/v1/vendors/?format=api"),
    "html_only": status("/api/v1/vendors/", accept="text/html"),
    "docs": status("/api/v1/docs/"),
    "schema": status("/api/v1/schema/"),
}))
"""


def test_production_serves_the_api_as_json_only_but_keeps_the_schema_and_the_docs_page():
    result = run_production(PRODUCTION_API_REQUESTS)

    assert result.returncode == 0, result.stderr
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == {"format_api": 404, "html_only": 406, "docs": 200, "schema": 200}


RENDERERS = (
    "import django; django.setup(); from rest_framework.settings import api_settings;"
    "print([r.__name__ for r in api_settings.DEFAULT_RENDERER_CLASSES])"
)


@pytest.mark.parametrize(
    ("variables", "browsable"),
    [({}, False), ({"DJANGO_DEBUG": "true"}, False), ({"API_BROWSABLE": "true"}, True)],
)
def test_production_has_the_browsable_api_only_when_a_setting_asks_for_it(variables, browsable):
    result = run_production(RENDERERS, **variables)

    assert result.returncode == 0, result.stderr
    assert ("BrowsableAPIRenderer" in result.stdout) is browsable
    assert "JSONRenderer" in result.stdout


# --- Statement time limit -----------------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's; SQLite has no statement time limit"
)


def read_database_settings(**variables) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.DATABASES))"
    )
    result = run_production(script, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_connections_are_opened_with_a_statement_time_limit():
    databases = read_database_settings(
        DATABASE_URL="postgres://portal@db.example.com:5432/portal?options=-c%20search_path%3Dportal",
        DATABASE_REPLICA_URL="postgres://portal@replica.example.com:5432/portal",
    )

    assert databases["default"]["OPTIONS"]["options"] == "-c search_path=portal -c statement_timeout=10000 -c jit=off"
    assert databases["replica"]["OPTIONS"]["options"] == "-c statement_timeout=10000 -c jit=off"


def test_the_statement_time_limit_is_a_setting_and_zero_turns_it_off():
    url = "postgres://portal@db.example.com:5432/portal"

    assert read_database_settings(DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="2500")["default"]["OPTIONS"] == {
        "options": "-c statement_timeout=2500 -c jit=off"
    }
    assert read_database_settings(DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="0")["default"]["OPTIONS"] == {
        "options": "-c jit=off"
    }


def test_the_jit_compiler_is_off_on_the_sites_connections_unless_asked_for():
    """Compiling a facet count at a million postings took 0.7 s of its 5.4 s: a web request never gains from it."""
    url = "postgres://portal@db.example.com:5432/portal"

    assert read_database_settings(DATABASE_URL=url, DATABASE_JIT="true")["default"]["OPTIONS"] == {
        "options": "-c statement_timeout=10000"
    }


def session_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def set_session_timeout(milliseconds: int) -> None:
    """For this test only: the test's transaction, rolled back at its end, takes the setting with it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {milliseconds:d}")


def sleep_in_the_database(seconds: float = 0.5) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])


def slow_page(request):
    sleep_in_the_database()
    return HttpResponse("done")


class SlowApiView(APIView):
    def get(self, request):
        sleep_in_the_database()
        return Response({"done": True})


urlpatterns = [path("slow/", slow_page), path("api/v1/slow/", SlowApiView.as_view())]


@on_postgresql
def test_the_test_database_has_the_configured_statement_time_limit(settings):
    assert session_timeout() == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"


@on_postgresql
def test_the_test_database_runs_without_the_jit_compiler():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@on_postgresql
@pytest.mark.urls(__name__)
def test_a_page_whose_statement_runs_past_the_limit_answers_503_with_retry_after(client):
    set_session_timeout(100)

    response = client.get("/slow/")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "took too long" in response.content.decode()


@on_postgresql
@pytest.mark.urls(__name__)
def test_an_api_request_whose_statement_runs_past_the_limit_answers_503_in_json():
    set_session_timeout(100)

    response = APIClient().get("/api/v1/slow/")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "took too long" in response.json()["detail"]


@on_postgresql
def test_seed_demo_is_not_cut_by_the_limit_and_gives_it_back(monkeypatch, settings):
    def slow_seed(**kwargs):
        sleep_in_the_database()
        return SimpleNamespace(vendors=0, employers=0, job_postings=0, skill_requirements=0, language_requirements=0)

    monkeypatch.setattr("demo.management.commands.seed_demo.seed_demo", slow_seed)
    set_session_timeout(100)

    call_command("seed_demo", stdout=io.StringIO())

    assert session_timeout() == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"


@on_postgresql
def test_migrate_is_not_cut_by_the_limit_and_gives_it_back(settings):
    def slow_step(**kwargs):
        sleep_in_the_database()

    pre_migrate.connect(slow_step, dispatch_uid="slow_step")
    set_session_timeout(100)
    try:
        call_command("migrate", verbosity=0, interactive=False)
    finally:
        pre_migrate.disconnect(dispatch_uid="slow_step")

    assert session_timeout() == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"


# --- Memberships in the admin -------------------------------------------------------------------

ORGANIZATIONS = {"vendor": PublishedVendorFactory, "employer": EmployerFactory}


@pytest.fixture(params=["curator", "superuser"])
def staff(request, client):
    """A curator, and a superuser: superusers are people too, and the same rule holds for them."""
    person = request.getfixturevalue(request.param)
    client.force_login(person)
    return person


def change_form_data(client, url: str) -> dict:
    """What the browser sends back from the admin change form at `url`, untouched."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, value in form.initial.items():
        if name in form.fields and value is not None and name != "logo":
            data[name] = [item.pk for item in value] if isinstance(value, list) else value
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(key): value for key, value in management.initial.items()})
    return data


@pytest.mark.parametrize("kind", ORGANIZATIONS)
def test_staff_cannot_add_themselves_as_members_in_an_organizations_inline(client, staff, kind, private_root):
    organization = ORGANIZATIONS[kind]()
    url = reverse(f"admin:directory_{kind}_change", args=[organization.pk])
    data = change_form_data(client, url)
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-0-user": staff.pk, "memberships-0-role": "owner"})
    posting = PublishedJobPostingFactory(employer=organization if kind == "employer" else EmployerFactory())
    application = Application.objects.create(job_posting=posting, applicant=SeekerFactory(), resume=pdf(10_000))

    client.post(url, data)

    assert not Membership.objects.filter(user=staff).exists()
    assert client.get(reverse("resume_download", args=[application.pk])).status_code == 404


def test_the_inline_shows_the_members_read_only(client, staff):
    membership = VendorMembershipFactory(role=Membership.Role.RECRUITER)

    page = client.get(reverse("admin:directory_vendor_change", args=[membership.vendor.pk]))

    members = next(inline for inline in page.context["inline_admin_formsets"] if inline.opts.model is Membership)
    assert not members.has_add_permission
    assert not members.has_change_permission
    assert str(membership.user) in page.content.decode()


def test_staff_cannot_switch_an_existing_membership_to_themselves(client, staff):
    membership = VendorMembershipFactory()
    url = reverse("admin:directory_membership_change", args=[membership.pk])

    response = client.post(url, {"user": staff.pk, "vendor": membership.vendor.pk, "role": "owner"})

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.user != staff


def test_staff_cannot_grant_themselves_a_membership(client, staff):
    vendor = PublishedVendorFactory()

    page = client.post(
        reverse("admin:directory_membership_add"),
        {"vendor": vendor.pk, "user": staff.pk, "role": "owner", "reason": "I need to see the applicants."},
    )

    assert page.status_code == 200
    assert "Nobody grants themselves a membership" in page.content.decode()
    assert not Membership.objects.filter(user=staff).exists()


def grant(client, organization, user, *, reason="The owner left the company; the new manager asked by phone."):
    key = "vendor" if organization.__class__.__name__ == "Vendor" else "employer"
    return client.post(
        reverse("admin:directory_membership_add"),
        {key: organization.pk, "user": user.pk, "role": "manager", "reason": reason},
    )


def test_a_curators_grant_is_recorded_and_the_owners_are_told(
    curator_client, curator, django_capture_on_commit_callbacks
):
    owner = VendorMembershipFactory(user=VerifiedUserFactory(email="owner@harbor.example"))
    vendor = owner.vendor
    newcomer = VerifiedUserFactory(email="newcomer@harbor.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = grant(curator_client, vendor, newcomer)

    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer, vendor=vendor).role == "manager"
    history = curator_client.get(reverse("admin:directory_vendor_history", args=[vendor.pk])).content.decode()
    assert "Membership granted by a curator" in history
    assert "The owner left the company" in history
    told = {tuple(message.to): message for message in mail.outbox}
    assert "The owner left the company" in told[("owner@harbor.example",)].body
    assert curator.get_full_name() in told[("owner@harbor.example",)].body
    assert ("newcomer@harbor.example",) in told


def test_nothing_is_mailed_when_the_grant_is_refused(curator_client, django_capture_on_commit_callbacks):
    owner = VendorMembershipFactory()

    with django_capture_on_commit_callbacks(execute=True):
        page = grant(curator_client, owner.vendor, VerifiedUserFactory(), reason="  ")

    assert page.status_code == 200
    assert Membership.objects.count() == 1
    assert mail.outbox == []


def test_a_curator_does_not_approve_their_own_claim(client, curator):
    vendor = PublishedVendorFactory()
    claim = ClaimRequest.objects.create(vendor=vendor, user=curator, message="I run this company, honestly.")
    client.force_login(curator)
    action = {"action": "approve", "_selected_action": [claim.pk], "reason": "", "days": ""}

    own = client.post(reverse("admin:directory_claimrequest_changelist"), action, follow=True)

    assert "another curator approves your own claim" in own.content.decode()
    assert not Membership.objects.filter(user=curator).exists()
    client.force_login(CuratorFactory())
    client.post(reverse("admin:directory_claimrequest_changelist"), action)
    assert Membership.objects.get(user=curator).vendor == vendor
