"""The permission matrix: every endpoint and page that reads or changes private data, as every role (anonymous,
job seeker, business, member of this organization, member of another, curator, superuser), on the records
that are someone's own, someone else's, a draft or published, with each verb. Non-owners get 404 for what they
must not know exists. Every answer is then read for private values (emails, the employer's note, the resume's
stored path, the inquiry's message): each may reach only the roles listed for it, and the API's bodies hold
exactly the fields on their allow-list."""

import json
import uuid
from dataclasses import dataclass

import pytest
from django.db import transaction

from demo.factories.directory import PendingVendorFactory, VendorMembershipFactory
from demo.factories.jobs import PendingJobPostingFactory
from directory.services.business import inquiry_create
from jobs.models import Application
from jobs.services.applications import application_submit
from tests.helpers import ROLES, cast, client_for, make_job, pdf

pytestmark = pytest.mark.django_db

NOTE = "Private note: strong on chat, call on Monday"
MESSAGE = "Private inquiry: 40 seats of Spanish chat from March"
OWN, OTHERS = "own", "others"

# Fields each API body may hold; anything else is a leak.
JOB_FIELDS = {
    "slug", "title", "url", "status", "employer", "city", "country", "work_arrangement", "employment_type", "shift",
    "role", "account_type", "call_direction", "salary", "experience_years_min", "education_level", "typing_wpm_min",
    "openings", "skills", "languages", "certifications", "posted_at", "expires_at", "description", "benefits",
    "client_industry", "created_at",
}  # fmt: skip
APPLICATION_FIELDS = {"id", "job", "applicant", "cover_note", "stage", "created_at", "stage_changed_at", "resume_url"}
INQUIRY_FIELDS = {
    "id", "vendor", "name", "email", "company", "services", "seats", "start_date", "budget", "message", "status",
    "created_at", "sent_at",
}  # fmt: skip
VENDOR_FIELDS_FORBIDDEN = {"members", "memberships", "rejection_reason", "notes", "review_note", "revisions"}


@dataclass
class World:
    people: object
    published: object
    draft: object
    application: Application
    inquiry: object
    draft_vendor: object

    def private_values(self) -> dict[str, set[str]]:
        """Each private value, and the roles allowed to see it anywhere."""
        return {
            self.application.resume.name: set(),  # the stored path: nobody, ever
            NOTE: {"member"},
            MESSAGE: {"business", "member"},
            self.people.users["business"].email: {"business", "member"},
            self.people.users["seeker"].email: {"seeker", "member"},
            self.people.users["member"].email: {"member"},
        }


@pytest.fixture
def world(open_api_rates, tmp_path):
    people = cast()
    published = make_job("Published chat agent", employer=people.employer)
    draft = make_job("Draft night agent", factory=PendingJobPostingFactory, employer=people.employer)
    seeker, business, member = (people.users[name] for name in ("seeker", "business", "member"))
    application = application_submit(job_posting=published, applicant=seeker, resume=pdf())
    Application.objects.filter(pk=application.pk).update(employer_note=NOTE)
    application.refresh_from_db()
    inquiry, _ = inquiry_create(
        vendor=people.vendor,
        sender=business,
        fields={"name": "Buyer", "email": business.email, "seats": 40, "message": MESSAGE},
        submission_key=uuid.uuid4(),
        client="192.0.2.1",
    )
    draft_vendor = PendingVendorFactory(name="Quiet Draft BPO", slug="quiet-draft-bpo")
    VendorMembershipFactory(vendor=draft_vendor, user=member)
    return World(people, published, draft, application, inquiry, draft_vendor)


def page_client(client, user):
    if user is not None:
        client.force_login(user)
    return client


# (name, api or page, method, path from the world, body, {role: status}, fields allowed in a 200 body)
ANON_API = {"anonymous": 401}
ANON_PAGE = {"anonymous": 302}
MATRIX = [
    ("draft posting", "api", "get", lambda w: f"/api/v1/jobs/{w.draft.slug}/", None,
     {"member": 200, "anonymous": 404}, JOB_FIELDS),
    ("published posting", "api", "get", lambda w: f"/api/v1/jobs/{w.published.slug}/", None,
     dict.fromkeys(ROLES, 200), JOB_FIELDS),
    ("change a draft", "api", "patch", lambda w: f"/api/v1/jobs/{w.draft.slug}/", {"title": "Changed title"},
     {"member": 200, **ANON_API}, JOB_FIELDS),
    ("close a posting", "api", "post", lambda w: f"/api/v1/jobs/{w.published.slug}/close/", None,
     {"member": 200, **ANON_API}, JOB_FIELDS),
    ("an application", "api", "get", lambda w: f"/api/v1/applications/{w.application.pk}/", None,
     {"seeker": 200, "member": 200, **ANON_API}, APPLICATION_FIELDS | {"employer_note"}),
    ("its resume", "api", "get", lambda w: f"/api/v1/applications/{w.application.pk}/resume/", None,
     {"seeker": 200, "member": 200, **ANON_API}, None),
    ("move an application", "api", "patch", lambda w: f"/api/v1/applications/{w.application.pk}/",
     {"stage": "screening"}, {"member": 200, **ANON_API}, APPLICATION_FIELDS | {"employer_note"}),
    ("a draft vendor", "api", "get", lambda w: f"/api/v1/vendors/{w.draft_vendor.slug}/", None,
     {"member": 200, "anonymous": 404}, None),
    ("change the vendor", "api", "patch", lambda w: f"/api/v1/vendors/{w.draft_vendor.slug}/", {"tagline": "New"},
     {"member": 200, **ANON_API}, None),
    # The public page shows published postings only, to everyone: the owner previews a draft in the dashboard.
    ("draft posting page", "page", "get", lambda w: f"/jobs/{w.draft.slug}/", None, {}, None),
    ("applicants page", "page", "get", lambda w: f"/dashboard/jobs/{w.published.slug}/applications/", None,
     {"member": 200, **ANON_PAGE}, None),
    ("resume download", "page", "get", lambda w: f"/applications/{w.application.pk}/resume/", None,
     {"seeker": 200, "member": 200, **ANON_PAGE}, None),
    ("edit a draft page", "page", "get", lambda w: f"/dashboard/jobs/{w.draft.slug}/edit/", None,
     {"member": 200, **ANON_PAGE}, None),
    ("dashboard", "page", "get", lambda w: "/dashboard/", None, dict.fromkeys(ROLES[1:], 200) | ANON_PAGE, None),
    ("my applications", "page", "get", lambda w: "/me/applications/", None,
     dict.fromkeys(ROLES[1:], 200) | ANON_PAGE, None),
]  # fmt: skip


def expected_status(row, role) -> int:
    """What the row says for the role; a role it does not name must not learn the record exists: 404."""
    return row[5].get(role, 404)


def keys(body) -> set[str]:
    if isinstance(body, dict) and "results" in body:
        return set().union(*(keys(item) for item in body["results"])) if body["results"] else set()
    return set(body) if isinstance(body, dict) else set()


def assert_no_leak(world, role, text, where):
    for value, allowed in world.private_values().items():
        if role not in allowed:
            assert value not in text, f"{where}: {role} sees {value!r}"


def check_cell(world, client, row, role) -> None:
    name, kind, method, path, body, _, allowed_fields = row
    user = world.people.users[role]
    if kind == "api":
        response = getattr(client_for(user), method)(path(world), body, format="json")
    else:
        response = getattr(page_client(client, user), method)(path(world))

    assert response.status_code == expected_status(row, role), f"{name} as {role}: {response.status_code}"
    text = b"".join(response).decode(errors="replace") if response.streaming else response.content.decode()
    assert_no_leak(world, role, text, f"{name} as {role}")
    if response.status_code == 200 and allowed_fields and kind == "api":
        fields = keys(response.json())
        assert fields <= allowed_fields, f"{name} as {role}: unexpected fields {fields - allowed_fields}"
        if role != "member":
            assert "employer_note" not in fields


def each_role(check) -> None:
    """`check(role)` for every role, each in a transaction rolled back after it (a change one role makes is not
    there for the next), and every role checked before the test fails."""
    failures = []
    for role in ROLES:
        try:
            with transaction.atomic():
                check(role)
                transaction.set_rollback(True)
        except AssertionError as error:
            failures.append(str(error).splitlines()[0])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_matrix(world, client, row):
    each_role(lambda role: check_cell(world, client.__class__(), row, role))


LISTS = [
    # (path, {role: what the role's list holds}); every other role's list is empty.
    ("/api/v1/applications/", {"seeker": "application"}),
    ("/api/v1/applications/?received=true", {"member": "application"}),
    ("/api/v1/inquiries/", {"business": "inquiry"}),
    ("/api/v1/inquiries/?received=true", {"member": "inquiry"}),
    ("/api/v1/saved-jobs/", {}),
    ("/api/v1/jobs/?mine=true", {"member": "mine"}),
]


def check_list(world, path, holds, role) -> None:
    response = client_for(world.people.users[role]).get(path)

    if role == "anonymous":
        assert response.status_code == 401, f"{path} as {role}: {response.status_code}"
        return
    assert response.status_code == 200, f"{path} as {role}: {response.status_code}"
    body = response.json()
    expected = {
        "application": [world.application.pk],
        "inquiry": [world.inquiry.pk],
        "mine": sorted([world.published.slug, world.draft.slug]),
    }.get(holds.get(role), [])
    found = sorted(item.get("slug") or item["id"] for item in body["results"])
    assert found == expected, f"{path} as {role}: {found}"
    allowed = {"application": APPLICATION_FIELDS | {"employer_note"}, "inquiry": INQUIRY_FIELDS}.get(
        holds.get(role), JOB_FIELDS
    )
    assert keys(body) <= allowed, f"{path} as {role}: unexpected fields {keys(body) - allowed}"
    assert_no_leak(world, role, json.dumps(body), f"{path} as {role}")


@pytest.mark.parametrize(("path", "holds"), LISTS, ids=[path for path, _ in LISTS])
def test_lists_hold_only_what_is_yours(world, path, holds):
    each_role(lambda role: check_list(world, path, holds, role))


def test_the_matrix_asks_every_role_about_every_row():
    """Every role is a different person of the cast (anonymous: nobody), each row and list names only those
    roles (a misspelt one would silently expect a 404), and each has a name of its own, its test id."""
    people = cast()

    assert list(people.users) == list(ROLES)
    assert people.users["anonymous"] is None
    assert len({user.pk for user in people.users.values() if user is not None}) == len(ROLES) - 1
    for name, _, _, _, _, statuses, _ in MATRIX:
        assert set(statuses) <= set(ROLES), name
    for path, holds in LISTS:
        assert set(holds) <= set(ROLES), path
    assert len({name for name, *_ in MATRIX}) == len(MATRIX)
    assert len({path for path, _ in LISTS}) == len(LISTS)
