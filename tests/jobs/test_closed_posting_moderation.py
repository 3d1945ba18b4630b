"""Closing a posting never publishes text a curator did not approve (issue 16, item 1).

A posting closed before a curator ever approved it is withdrawn: no public page (HTML or API), feed or sitemap
entry, whatever its history; its employer still sees it. A posting approved and then edited shows, once closed,
the version the curator approved, never the edit. A published posting closed as it stands keeps its page.
Each scenario runs the way an employer and a curator do it: the API or the dashboard, and the services.
"""

import importlib
import xml.etree.ElementTree as ET

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.test import Client
from rest_framework.test import APIClient

from core.workflow import InvalidTransition, record_action
from demo.factories.directory import EmployerFactory, EmployerMembershipFactory
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
)
from jobs.models import JobPosting
from jobs.services import postings as services
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# What the employer sends first, and what a curator approves.
POSTING = {
    "title": "Night Chat Agent",
    "description": "Answer **chat** questions about orders.",
    "city": "Davao",
    "country": "PH",
    "work_arrangement": "onsite",
    "employment_type": "full_time",
    "shift": "night",
    "account_type": "non_voice",
    "salary": {"min": "18000", "max": "24000", "currency": "PHP", "period": "month"},
    "experience_years_min": 1,
    "education_level": "high_school",
    "benefits": ["HMO from day one"],
    "skills": [{"slug": "communication"}, {"slug": "crm", "importance": "preferred"}],
    "languages": [{"code": "en", "level": "C1"}],
}
APPROVED_ON_THE_PAGE = [
    "<h1>Night Chat Agent</h1>",
    "Answer <strong>chat</strong> questions about orders.",
    "Davao",
    "18,000",
    "HMO from day one",
    "Communication",
    "CRM software",
    "English (C1 advanced)",
]
# An edit nobody reviewed: every part of the page changes, and the description carries a link.
UNREVIEWED_EDIT = {
    "title": "Urgent Hiring Pay The Fee",
    "description": "Pay the [training fee](https://phish.example/pay) before your interview.",
    "city": "Cebu",
    "salary": {"min": "90000", "max": "150000", "currency": "USD", "period": "month"},
    "benefits": ["Unreviewed perk"],
    "skills": [{"slug": "zendesk"}],
    "languages": [{"code": "es", "level": "A2"}],
    "certifications": ["hdi-csr"],
}
UNREVIEWED_ON_ANY_PAGE = ["Urgent Hiring", "phish.example", "training fee", "Cebu", "90,000", "Unreviewed perk"]
UNREVIEWED_ON_THE_PAGE = [*UNREVIEWED_ON_ANY_PAGE, "Zendesk", "Spanish", "HDI Customer Service Representative"]


@pytest.fixture
def member():
    """A member of an in-house employer, with a confirmed email address: they may post jobs."""
    return EmployerMembershipFactory(employer=EmployerFactory(name="Acme Care", slug="acme-care")).user


def post_job(member) -> JobPosting:
    """A posting sent through the API, as an employer does: it waits for review."""
    response = client_for(member).post("/api/v1/jobs/", POSTING, format="json")
    assert response.status_code == 201, response.content
    return JobPosting.objects.get(slug=response.json()["slug"])


def edit(member, posting, changes: dict) -> None:
    response = client_for(member).patch(f"/api/v1/jobs/{posting.slug}/", changes, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"


def close(member, posting) -> dict:
    """Close through the API; the posting as the employer then sees it."""
    response = client_for(member).post(f"/api/v1/jobs/{posting.slug}/close/")
    assert response.status_code == 200, response.content
    return response.json()


def close_on_the_dashboard(member, posting) -> str:
    """Close with the dashboard's button; the dashboard page the employer lands on."""
    client = Client()
    client.force_login(member)
    response = client.post(f"/dashboard/jobs/{posting.slug}/close/", follow=True)
    assert response.status_code == 200
    return response.content.decode()


def public_page(posting):
    return Client().get(f"/jobs/{posting.slug}/")


def assert_nowhere_public(posting, *texts: str) -> None:
    """No public page, API answer, feed entry or sitemap entry for the posting, and none of `texts` in them."""
    anonymous, api = Client(), APIClient()
    page = anonymous.get(f"/jobs/{posting.slug}/")
    detail = api.get(f"/api/v1/jobs/{posting.slug}/")
    listing = api.get("/api/v1/jobs/")
    feed = anonymous.get("/jobs/feed/")
    sitemap = anonymous.get("/sitemap-jobs.xml")
    employer_page = anonymous.get(f"/jobs/employers/{posting.employer.slug}/")
    assert page.status_code == 404
    assert detail.status_code == 404
    assert posting.slug not in [job["slug"] for job in listing.json()["results"]]
    root = ET.fromstring(sitemap.content)  # noqa: S314 - the sitemap our own server just rendered
    assert [loc.text for loc in root.iter(f"{SITEMAP}loc")] == []
    lists = "".join(response.content.decode() for response in [listing, feed, sitemap, employer_page])
    assert posting.slug not in lists
    everything = lists + page.content.decode() + detail.content.decode()
    for text in texts:
        assert text not in everything
    assert not JobPosting.objects.visible_to_public().filter(pk=posting.pk).exists()


def assert_shows_the_approved_version(html: str) -> None:
    for text in APPROVED_ON_THE_PAGE:
        assert text in html
    for text in UNREVIEWED_ON_THE_PAGE:
        assert text not in html


def approved_text(posting) -> dict:
    """Every field an employer writes on the posting, and its requirements, as stored now."""
    row = JobPosting.objects.filter(pk=posting.pk).values(*services.JOB_POSTING_EDITABLE_FIELDS).get()
    return {
        **row,
        "skills": sorted(posting.skill_requirements.values_list("skill__slug", "importance")),
        "languages": sorted(posting.language_requirements.values_list("language__code", "level")),
        "certifications": sorted(posting.certifications.values_list("slug", flat=True)),
    }


def mine(member) -> dict[str, str]:
    """The employer's own postings over the API: {slug: status}."""
    response = client_for(member).get("/api/v1/jobs/?mine=true")
    assert response.status_code == 200
    return {job["slug"]: job["status"] for job in response.json()["results"]}


# Never approved: withdrawn, never public ---------------------------------------------------------------------


def test_a_posting_closed_over_the_api_before_review_is_withdrawn_and_never_public(member):
    posting = post_job(member)

    closed = close(member, posting)

    assert closed["status"] == "withdrawn"
    assert_nowhere_public(posting, "Night Chat Agent", "Answer <strong>chat</strong>")
    assert mine(member) == {posting.slug: "withdrawn"}
    own = client_for(member).get(f"/api/v1/jobs/{posting.slug}/")
    assert (own.status_code, own.json()["status"], own.json()["title"]) == (200, "withdrawn", "Night Chat Agent")


def test_a_posting_closed_on_the_dashboard_before_review_is_withdrawn_and_never_public(member):
    posting = post_job(member)

    dashboard = close_on_the_dashboard(member, posting)

    posting.refresh_from_db()
    assert posting.status == "withdrawn"
    assert "“Night Chat Agent” is withdrawn." in dashboard
    assert '<span class="stage">Withdrawn</span>' in dashboard  # the employer still sees it, as withdrawn
    assert "Night Chat Agent" in dashboard
    assert_nowhere_public(posting, "Night Chat Agent")


def test_a_rejected_posting_never_approved_then_edited_and_closed_is_not_found(member, curator):
    posting = post_job(member)
    services.job_posting_reject(job_posting=posting, actor=curator, reason="Say which shift.")
    edit(member, posting, UNREVIEWED_EDIT)

    closed = close(member, posting)

    assert closed["status"] == "withdrawn"
    assert_nowhere_public(posting, *UNREVIEWED_ON_ANY_PAGE)
    assert mine(member) == {posting.slug: "withdrawn"}


def test_a_withdrawn_posting_cannot_be_edited_reopened_or_closed_again(member, curator):
    posting = post_job(member)
    close(member, posting)
    client = client_for(member)

    responses = [
        client.patch(f"/api/v1/jobs/{posting.slug}/", {"title": "Back again"}, format="json"),
        client.post(f"/api/v1/jobs/{posting.slug}/close/"),
    ]

    assert [response.status_code for response in responses] == [400, 400]
    posting.refresh_from_db()
    assert (posting.status, posting.title) == ("withdrawn", "Night Chat Agent")
    with pytest.raises(InvalidTransition):
        services.job_posting_approve(job_posting=posting, actor=curator)
    assert public_page(posting).status_code == 404


# Approved once, edited since: the approved version, never the edit -----------------------------------------------


def test_an_edit_of_a_published_posting_closed_over_the_api_shows_the_approved_version(member, curator):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)
    assert_shows_the_approved_version(public_page(posting).content.decode())
    edit(member, posting, UNREVIEWED_EDIT)
    assert public_page(posting).status_code == 404  # under review again: off the board (unchanged)

    closed = close(member, posting)

    assert closed["status"] == "closed"
    assert closed["title"] == "Night Chat Agent"
    assert sorted((skill["slug"], skill["importance"]) for skill in closed["skills"]) == [
        ("communication", "required"),
        ("crm", "preferred"),
    ]
    assert [(language["code"], language["level"]) for language in closed["languages"]] == [("en", "C1")]
    assert closed["certifications"] == []
    page = public_page(posting)
    assert page.status_code == 200
    html = page.content.decode()
    assert "This job is no longer open." in html
    assert "The employer closed it" in html
    assert_shows_the_approved_version(html)
    assert "application/ld+json" not in html
    assert mine(member) == {posting.slug: "closed"}


def test_an_edit_of_a_published_posting_closed_on_the_dashboard_shows_the_approved_version(member, curator):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)
    edit(member, posting, UNREVIEWED_EDIT)

    dashboard = close_on_the_dashboard(member, posting)

    assert "“Night Chat Agent” is closed." in dashboard
    assert "Urgent Hiring" not in dashboard  # the unreviewed edit is gone for its author too
    page = public_page(posting)
    assert page.status_code == 200
    assert_shows_the_approved_version(page.content.decode())


def test_a_once_approved_posting_edited_rejected_and_edited_again_shows_its_approved_version_once_closed(
    member, curator
):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)
    edit(member, posting, UNREVIEWED_EDIT)
    services.job_posting_reject(job_posting=posting, actor=curator, reason="No fees, ever.")
    edit(member, posting, {"title": "Urgent Hiring Second Try"})

    close(member, posting)

    page = public_page(posting)
    assert page.status_code == 200
    assert_shows_the_approved_version(page.content.decode())
    assert "Second Try" not in page.content.decode()


def test_an_edit_a_curator_approved_is_what_the_closed_page_shows(member, curator):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)
    edit(member, posting, {"title": "Night Chat Lead", "skills": [{"slug": "zendesk"}]})
    services.job_posting_approve(job_posting=posting, actor=curator)
    edit(member, posting, UNREVIEWED_EDIT)

    close(member, posting)

    html = public_page(posting).content.decode()
    assert "<h1>Night Chat Lead</h1>" in html
    assert "Zendesk" in html
    assert "Urgent Hiring" not in html
    assert "phish.example" not in html


def test_closing_an_edited_posting_puts_back_every_field_and_requirement_it_was_approved_with(member, curator):
    posting = post_job(member)
    edit(member, posting, {"client_industry": "healthcare", "typing_wpm_min": 35, "call_direction": "inbound"})
    services.job_posting_approve(job_posting=posting, actor=curator)
    approved = approved_text(posting)
    edit(
        member,
        posting,
        {
            **UNREVIEWED_EDIT,
            "country": "IN",
            "work_arrangement": "remote",
            "employment_type": "contract",
            "shift": "day",
            "account_type": "voice",
            "call_direction": "outbound",
            "client_industry": "telecom",
            "experience_years_min": 5,
            "education_level": "bachelor",
            "typing_wpm_min": 80,
            "openings": 40,
        },
    )
    assert approved_text(posting) != approved

    close(member, posting)

    assert approved_text(posting) == approved


def test_closing_an_edited_posting_records_that_the_edit_was_discarded(member, curator):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)
    edit(member, posting, UNREVIEWED_EDIT)

    close(member, posting)

    last = LogEntry.objects.filter(object_id=str(posting.pk)).latest("pk")
    assert (last.user, last.change_message) == (
        member,
        "Closed; the unreviewed edit was discarded, the approved version restored",
    )


# Unchanged: a published posting closed as it stands keeps its page ----------------------------------------------


def test_a_published_posting_closed_keeps_its_page_and_its_text(member, curator):
    posting = post_job(member)
    services.job_posting_approve(job_posting=posting, actor=curator)

    closed = close(member, posting)

    assert closed["status"] == "closed"
    page = public_page(posting)
    assert page.status_code == 200
    html = page.content.decode()
    assert "The employer closed it" in html
    assert_shows_the_approved_version(html)


# The rule, in the queryset and in the database ------------------------------------------------------------------


def test_the_public_sees_published_closed_and_expired_postings_only(member):
    shown = [PublishedJobPostingFactory(), ClosedJobPostingFactory(), ExpiredJobPostingFactory()]
    withdrawn = PendingJobPostingFactory(employer=EmployerFactory())
    services.job_posting_close(job_posting=withdrawn, actor=member)
    hidden = [withdrawn, PendingJobPostingFactory(), RejectedJobPostingFactory()]

    public = set(JobPosting.objects.visible_to_public())

    assert public == set(shown)
    assert not public & set(hidden)


@pytest.mark.parametrize("status", ["closed", "expired"])  # published: job_published_has_dates
def test_the_database_refuses_a_public_status_for_a_posting_never_approved(status):
    posting = PendingJobPostingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(status=status)


@pytest.mark.parametrize("factory", [PublishedJobPostingFactory, ClosedJobPostingFactory, ExpiredJobPostingFactory])
def test_the_database_refuses_a_public_posting_holding_an_unreviewed_edit(factory):
    posting = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(approved_version={"fields": {}})


# The data migration: closed postings holding unreviewed text before the fix -----------------------------------


def test_the_migration_withdraws_closed_postings_edited_after_their_last_approval(curator, member):
    from django.apps import apps

    migration = importlib.import_module("jobs.migrations.0012_withdraw_closed_postings_never_approved")
    edited, approved_after_edit, never_edited = (ClosedJobPostingFactory() for _ in range(3))
    for message in ["Approved and published until 2030-01-01", "Edited; sent to review"]:
        record_action(curator if message.startswith("Approved") else member, edited, message)
    for message in ["Edited; sent to review", "Approved and published until 2030-01-01"]:
        record_action(curator if message.startswith("Approved") else member, approved_after_edit, message)
    record_action(curator, never_edited, "Approved and published until 2030-01-01")

    migration.withdraw(apps, None)

    statuses = dict(JobPosting.objects.values_list("pk", "status"))
    assert statuses == {edited.pk: "withdrawn", approved_after_edit.pk: "closed", never_edited.pk: "closed"}
    assert public_page(edited).status_code == 404
    assert public_page(approved_after_edit).status_code == 200
