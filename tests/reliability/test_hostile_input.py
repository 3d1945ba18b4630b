"""Hostile input on the pages' filters and forms and on the API's bodies, pages and uploads: overlong text, NUL
bytes, emoji and right-to-left text, script and javascript: URLs, numbers too large, negative pages, huge page
sizes, malformed JSON, wrong content types, bodies over the size limit, files that lie about their type and an
open redirect through `next`. Each gets a clear 4xx or a form error, never a 500, and nothing is half saved.
(The API's filter parameters and search text are in tests/api/test_errors_and_limits.py.)"""

import json
import uuid
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from demo.factories.accounts import SeekerFactory, VerifiedUserFactory
from demo.factories.directory import BpoEmployerFactory, PublishedVendorFactory, VendorMembershipFactory
from directory.models import Inquiry
from jobs.models import Application, JobPosting
from tests.helpers import client_for, make_job

pytestmark = pytest.mark.django_db

HOSTILE = {
    "overlong": "a" * 20_000,
    "nul": "abc\x00def",
    "emoji and right-to-left": "Support 🚀 \u202eخدمة العملاء\u202c",
    "script": "<script>alert(1)</script>",
    "javascript url": "javascript:alert(document.cookie)",
    "huge number": "9" * 400,
    "negative": "-1",
}
PAGE_FILTERS = {
    "/jobs/": ["q", "country", "city", "skill", "language", "min_salary", "max_experience", "posted_within", "page",
               "ordering", "employer"],
    "/vendors/": ["q", "service", "country", "language", "min_seats", "max_hourly_rate", "page", "ordering",
                  "client_country", "shore_model"],
}  # fmt: skip


@pytest.mark.parametrize("path", PAGE_FILTERS)
@pytest.mark.parametrize("kind", HOSTILE)
def test_list_pages_take_any_filter_value_without_a_server_error(client, path, kind):
    make_job("Chat agent")
    PublishedVendorFactory()
    for parameter in PAGE_FILTERS[path]:
        response = client.get(path, {parameter: HOSTILE[kind]})
        assert response.status_code in (200, 400, 404), (parameter, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "statuses"),
    [
        ({"page": "-1"}, {400}),
        ({"page": "0"}, {400}),
        ({"page": "9" * 30}, {404}),
        ({"page_size": "-5"}, {400}),
        ({"page_size": "9" * 30}, {200}),  # capped at 100, not refused
        ({"page_size": "1000000"}, {200}),
    ],
)
def test_api_pagination_refuses_negative_pages_and_caps_huge_page_sizes(client, query, statuses):
    for number in range(3):
        make_job(f"Agent {number}")
    response = client.get("/api/v1/jobs/", query)

    assert response.status_code in statuses
    if response.status_code == 200:
        assert len(response.json()["results"]) == 3
    else:
        assert response.json()


def inquiry_body(**changes):
    body = {"name": "Ana", "email": "ana@example.com", "seats": 10, "message": "Chat support from March."}
    return {**body, "submission_key": str(uuid.uuid4()), **changes}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", HOSTILE["overlong"]),
        ("name", HOSTILE["nul"]),
        ("email", HOSTILE["javascript url"]),
        ("email", "<script>@example.com"),
        ("seats", int(HOSTILE["huge number"])),
        ("seats", -1),
        ("message", HOSTILE["overlong"]),
        ("start_date", "0000-00-00"),
        ("services", [HOSTILE["nul"]]),
        ("submission_key", "not-a-uuid"),
        ("submission_key", 7),  # once read as UUID(int=7), a key any client could share
        ("submission_key", True),
    ],
)
def test_api_inquiry_refuses_each_bad_field_by_name_and_saves_nothing(field, value):
    vendor = PublishedVendorFactory()

    response = client_for(VerifiedUserFactory()).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body(**{field: value}), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize("field", ["submission_key", "name", "email", "message", "seats", "start_date"])
def test_api_inquiry_refuses_an_empty_value_by_name(field):
    """A form-encoded empty `submission_key` once got a fresh key and a 201 (the retried form made a second
    inquiry), and an empty `start_date` was taken for none (schemathesis: `make fuzz`). The API reads JSON now
    (below); an empty value there is refused by name."""
    vendor = PublishedVendorFactory()

    response = client_for(VerifiedUserFactory()).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body(**{field: ""}), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert Inquiry.objects.count() == 0


def as_form(client, method: str, path: str, data: dict, body_format: str):
    if body_format == "urlencoded":
        return client.generic(method, path, urlencode(data), content_type="application/x-www-form-urlencoded")
    return getattr(client, method.lower())(path, data, format="multipart")


@pytest.mark.parametrize("body_format", ["multipart", "urlencoded"])
def test_api_json_operations_refuse_form_bodies_as_the_schema_says(body_format):
    """A form encoding cannot carry the objects and lists of the API's bodies (a brief's hours), so the operations
    read JSON only and the OpenAPI document lists only application/json for them: a form is a 415, nothing saved."""
    vendor = PublishedVendorFactory(name="Harbor Contact")
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user

    inquiry = as_form(
        client_for(VerifiedUserFactory()),
        "POST",
        f"/api/v1/vendors/{vendor.slug}/inquiries/",
        inquiry_body(),
        body_format,
    )
    blanked = as_form(client_for(member), "PATCH", f"/api/v1/vendors/{vendor.slug}/", {"name": ""}, body_format)
    match = as_form(client_for(member), "POST", "/api/v1/vendors/match/", {"seats": "10"}, body_format)

    assert (inquiry.status_code, blanked.status_code, match.status_code) == (415, 415, 415)
    assert Inquiry.objects.count() == 0
    vendor.refresh_from_db()
    assert vendor.name == "Harbor Contact"


def test_api_refuses_a_blanked_vendor_name_instead_of_ignoring_it():
    vendor = PublishedVendorFactory(name="Harbor Contact")
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user

    response = client_for(member).patch(f"/api/v1/vendors/{vendor.slug}/", {"name": ""}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()
    vendor.refresh_from_db()
    assert vendor.name == "Harbor Contact"


def test_api_keeps_emoji_right_to_left_and_markup_exactly_and_pages_escape_them(client):
    vendor = PublishedVendorFactory()
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    text = f"{HOSTILE['emoji and right-to-left']} {HOSTILE['script']}"

    response = client_for(VerifiedUserFactory()).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body(message=text), format="json"
    )

    assert response.status_code == 201
    assert Inquiry.objects.get().message == text
    client.force_login(member)
    dashboard = client.get("/dashboard/").content.decode()
    assert "<script>alert(1)</script>" not in dashboard


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ('{"name": "Ana", ', "application/json", 400),  # malformed JSON
        ("\x00\x01\x02", "application/json", 400),
        ("[1, 2, 3]", "application/json", 400),  # JSON, but not an object
        ("name=Ana", "text/plain", 415),
        ("<inquiry/>", "application/xml", 415),
    ],
)
def test_api_refuses_unreadable_bodies_and_wrong_content_types(body, content_type, status):
    vendor = PublishedVendorFactory()

    response = client_for(VerifiedUserFactory()).generic(
        "POST", f"/api/v1/vendors/{vendor.slug}/inquiries/", body, content_type=content_type
    )

    assert response.status_code == status
    assert response.json()
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(("method", "path"), [("PATCH", "/api/v1/me/profile/")])
def test_a_multipart_body_with_no_readable_part_is_refused_not_read_as_an_empty_form(method, path):
    """Once a 200 that changed nothing (schemathesis: `make fuzz`). The seeker profile is the one operation that
    reads multipart and answers 200 to an empty form (applying needs a resume)."""
    boundary = "a222103b9b30b1f9e8be6882ecedb1d2"
    content_type = f"multipart/form-data; boundary={boundary}"
    client = client_for(SeekerFactory())

    malformed = client.generic(method, path, f"--{boundary}\r\n[]--{boundary}--\r\n", content_type=content_type)
    empty_form = client.generic(method, path, f"--{boundary}--\r\n", content_type=content_type)

    assert malformed.status_code == 400
    assert "parse error" in malformed.json()["detail"]
    assert empty_form.status_code == 200


def test_a_body_over_the_size_limit_is_refused_without_being_read(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    vendor = PublishedVendorFactory()
    body = json.dumps(inquiry_body(message="x" * (128 * 1024)))

    response = client_for(VerifiedUserFactory()).generic(
        "POST", f"/api/v1/vendors/{vendor.slug}/inquiries/", body, content_type="application/json"
    )

    assert response.status_code in (400, 413)
    assert Inquiry.objects.count() == 0


LYING_FILES = [
    ("cv.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/pdf"),  # a PNG named and typed as a PDF
    ("cv.docx", b"PK\x03\x04" + b"\x00" * 64, "application/vnd.openxmlformats-officedocument"),  # not a document
    ("cv.pdf.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf"),
    ("cv.pdf", b"", "application/pdf"),
]


@pytest.mark.parametrize(
    ("name", "content", "content_type"), LYING_FILES, ids=[f[0] + str(len(f[1])) for f in LYING_FILES]
)
def test_resumes_that_lie_about_their_type_are_refused_on_the_api_and_the_page(client, name, content, content_type):
    posting = make_job("Voice agent")
    seeker = SeekerFactory()

    api = client_for(seeker).post(
        f"/api/v1/jobs/{posting.slug}/apply/",
        {"resume": SimpleUploadedFile(name, content, content_type)},
        format="multipart",
    )
    client.force_login(seeker)
    page = client.post(
        f"/jobs/{posting.slug}/apply/", {"cover_note": "Hi", "resume": SimpleUploadedFile(name, content, content_type)}
    )

    assert api.status_code == 400
    assert "resume" in api.json()
    assert page.status_code == 200  # the form again, with the error
    assert "resume" in page.context["form"].errors
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "https:evil.example"],
)
def test_signing_in_never_redirects_off_the_site(target):
    VerifiedUserFactory(username="ana")
    client = Client()

    response = client.post(
        f"/accounts/login/?next={target}", {"login": "ana", "password": "correct horse battery staple"}
    )

    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.mark.parametrize(
    "skills",
    [
        [{"skill": "typing", "level": "required"}],  # the item's keys are `slug` and `importance`
        [{"slug": HOSTILE["nul"]}],
        [{"slug": "typing"}, {"slug": "typing"}],
    ],
)
def test_a_refused_posting_change_saves_no_part_of_it(skills):
    vendor = PublishedVendorFactory()
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    posting = make_job("Voice agent", employer=BpoEmployerFactory(vendor=vendor))
    before = JobPosting.objects.filter(pk=posting.pk).values().get()

    response = client_for(member).patch(
        f"/api/v1/jobs/{posting.slug}/",
        {"title": "New title", "city": "Cebu", "skills": skills},
        format="json",
    )

    assert response.status_code == 400
    assert "skills" in response.json()
    assert JobPosting.objects.filter(pk=posting.pk).values().get() == before


@pytest.mark.parametrize("body_format", ["multipart", "urlencoded"])
def test_a_posting_sent_as_a_form_is_refused_not_saved_without_its_salary(body_format):
    """A form encoding cannot carry the salary object: sent as form fields, it was ignored and the posting
    created without it (found by `make fuzz`). A posting is JSON only."""
    vendor = PublishedVendorFactory()
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    BpoEmployerFactory(vendor=vendor)
    fields = {"title": "Voice agent", "description": "Calls.", "country": "PH", "employment_type": "full_time"}
    fields |= {"min": "20000", "max": "30000", "currency": "not-a-currency", "period": "month"}
    client = client_for(member)

    if body_format == "multipart":
        response = client.post("/api/v1/jobs/", fields, format="multipart")
    else:
        body = "&".join(f"{name}={value}" for name, value in fields.items())
        response = client.generic("POST", "/api/v1/jobs/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert not JobPosting.objects.filter(title="Voice agent").exists()
