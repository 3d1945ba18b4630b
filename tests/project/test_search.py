"""Text search: relevance ranking and typo tolerance on PostgreSQL (stored weighted vectors, trigrams), and the
"every word appears" fallback on SQLite; the same `q` parameter on the pages and the API."""

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from jobs.models import JobPosting, JobSkillRequirement, Skill
from tests.helpers import make_job, make_vendor

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


def titles(path):
    return [row["title"] for row in APIClient().get(path).json()["results"]]


def vendor_names(q):
    return [vendor["name"] for vendor in APIClient().get(f"/api/v1/vendors/?q={q}").json()["results"]]


@pytest.fixture
def corpus():
    make_job("Technical Support Representative", description="Fix routers for home customers.", days_ago=5)
    make_job("Customer Care Associate", description="Answer calls. Some technical support questions too.", days_ago=1)
    make_job("Data Entry Clerk", description="Type invoices into the ledger.", days_ago=2)
    make_job("Billing Specialist", description="Resolve invoice disputes.", skills=["zendesk"], days_ago=3)


@postgresql_only
def test_a_title_match_ranks_before_a_passing_mention(corpus):
    found = titles("/api/v1/jobs/?q=technical+support")

    assert found[:2] == ["Technical Support Representative", "Customer Care Associate"]
    assert "Data Entry Clerk" not in found


@postgresql_only
def test_typos_still_find_the_job(corpus):
    assert titles("/api/v1/jobs/?q=tecnical+suport")[0] == "Technical Support Representative"
    assert titles("/api/v1/jobs/?q=custmer+care")[0] == "Customer Care Associate"


@postgresql_only
def test_skills_are_searched_and_the_vector_follows_changes(corpus):
    assert titles("/api/v1/jobs/?q=zendesk") == ["Billing Specialist"]

    clerk = JobPosting.objects.get(title="Data Entry Clerk")
    JobSkillRequirement.objects.create(job_posting=clerk, skill=Skill.objects.get(slug="zendesk"))
    clerk.title = "Ticketing Clerk"
    clerk.save()

    assert set(titles("/api/v1/jobs/?q=zendesk")) == {"Billing Specialist", "Ticketing Clerk"}
    assert titles("/api/v1/jobs/?q=ticketing") == ["Ticketing Clerk"]


@postgresql_only
def test_vendor_search_ranks_names_first_and_tolerates_typos():
    make_vendor("Harbor Support", description="Chat and voice.")
    make_vendor("Summit Outsourcing", description="Harbor side office with chat support.")
    make_vendor("Nova Payroll", services=["payroll"])

    assert vendor_names("harbor")[0] == "Harbor Support"
    assert vendor_names("harbr")[0] == "Harbor Support"
    assert vendor_names("payroll") == ["Nova Payroll"]


@sqlite_only
def test_sqlite_needs_every_word(corpus):
    assert set(titles("/api/v1/jobs/?q=technical+support")) == {
        "Technical Support Representative",
        "Customer Care Associate",
    }
    assert titles("/api/v1/jobs/?q=technical+invoices") == []
    assert titles("/api/v1/jobs/?q=zendesk") == ["Billing Specialist"]


def test_a_search_is_ranked_and_a_plain_list_is_newest_first(client, corpus):
    plain = [job.title for job in client.get("/jobs/").context["job_postings"]]
    searched = [job.title for job in client.get("/jobs/?q=technical+support").context["job_postings"]]

    assert plain[0] == "Customer Care Associate"  # published a day ago
    assert searched[0] == "Technical Support Representative"  # the title match, though older


@postgresql_only
def test_search_pages_follow_one_order_tier_by_tier_then_newest():
    """Every word in the title first, then every other match (skills, employer, city, description); the newest
    first within each. Each page is read tier by tier (core.search.page_keys): the pages must
    still be consecutive slices of that one order, with nothing repeated or skipped."""
    make_job("Zendesk Admin", days_ago=3)
    make_job("Zendesk Agent", days_ago=1)
    make_job("Billing Agent", skills=["zendesk"], days_ago=2)
    make_job("Help Desk Agent", skills=["zendesk"], days_ago=0.5)
    make_job("Records Clerk", description="You will log every call in Zendesk.", days_ago=0.2)
    make_job("Filing Clerk", description="Zendesk experience is a plus.", days_ago=4)
    make_job("Mail Clerk", description="Sort the mail.", days_ago=0.1)
    order = ["Zendesk Agent", "Zendesk Admin", "Records Clerk", "Help Desk Agent", "Billing Agent", "Filing Clerk"]

    pages = [APIClient().get(f"/api/v1/jobs/?q=zendesk&page_size=2&page={n}").json() for n in (1, 2, 3)]

    assert [[row["title"] for row in page["results"]] for page in pages] == [order[0:2], order[2:4], order[4:6]]
    assert {page["count"] for page in pages} == {6}
    assert pages[2]["next"] is None
    assert titles("/api/v1/jobs/?q=zendesk&page_size=4&page=2") == order[4:]
    assert [job.title for job in Client().get("/jobs/?q=zendesk").context["job_postings"]] == order
