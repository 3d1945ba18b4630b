"""Text search: relevance ranking and typo tolerance on PostgreSQL (stored weighted vectors, trigrams), and the
"every word appears" fallback on SQLite; the same `q` parameter on the pages and the API."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.models import SearchSynonym, SearchWord
from demo.factories.jobs import JobPostingFactory
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
def test_typos_are_corrected_from_the_public_titles_through_their_index(corpus, django_assert_max_num_queries):
    make_job("Zorblax Wrangler", factory=JobPostingFactory)  # a draft: its words are nobody's business
    assert SearchWord.objects.filter(scope="jobs", word="technical").exists()
    assert not SearchWord.objects.filter(word="zorblax").exists()
    assert titles("/api/v1/jobs/?q=zorblaxx") == []

    # No title is read to correct a word: the vocabulary's trigram index finds the close ones. (The query that
    # asks whether the words match as typed asks for the close words after that, in the same statement.)
    with CaptureQueriesContext(connection) as queries:
        assert titles("/api/v1/jobs/?q=qwxzvbn") == []
    corrections = [query["sql"].split("similarity", 1)[1] for query in queries if "similarity" in query["sql"]]
    assert corrections
    assert not [sql for sql in corrections if "jobs_jobposting" in sql]


@postgresql_only
def test_words_too_short_to_correct_are_left_out_of_the_correction(corpus):
    assert titles("/api/v1/jobs/?q=a+custmer") == ["Customer Care Associate", "Technical Support Representative"]
    assert titles("/api/v1/jobs/?q=a") == []  # a stop word, matching nothing as typed, and nothing to correct


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


# --- The words people type: benefits, choices, compliance, industries and the curators' synonyms --------------
# These run on both databases: PostgreSQL's stored vectors and SQLite's "every word appears" expand the same
# synonyms and look in the same places.


@pytest.fixture
def board():
    make_job(
        "Customer Service Representative",
        description="Answer questions about bank accounts. At least 3 years of experience.",
        benefits="HMO from day one, with free dependents\n13th month pay",
        shift="night",
        min_experience_years=3,
    )
    make_job("Technical Support Representative", description="Fix routers.", min_experience_years=1)
    make_job(
        "Chat Support Agent",
        description="Answer chats.",
        account_type="non_voice",
        work_arrangement="remote",
        min_experience_years=0,
    )
    make_job("Collections Agent", description="Call customers about overdue bills.", min_experience_years=2)
    make_job("Team Leader", description="Coach a team of agents.", role="team_leader", min_experience_years=3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HMO", {"Customer Service Representative"}),  # benefits are searched
        ("day one HMO", {"Customer Service Representative"}),
        ("WFH", {"Chat Support Agent"}),  # remote: "work from home"
        ("work from home", {"Chat Support Agent"}),
        ("graveyard", {"Customer Service Representative"}),  # the night shift
        ("fresh grad", {"Chat Support Agent"}),  # entry level
        ("no experience", {"Chat Support Agent"}),  # not the posting asking 3 years of experience
        ("CSR", {"Customer Service Representative"}),
        ("TSR", {"Technical Support Representative"}),
        ("non-voice", {"Chat Support Agent"}),
        ("non voice", {"Chat Support Agent"}),
        ("TL", {"Team Leader"}),
        ("supervisor", {"Team Leader"}),
    ],
)
def test_the_words_job_seekers_type_find_the_postings_they_mean(board, query, expected):
    assert set(titles(f"/api/v1/jobs/?q={query}")) == expected


def test_the_job_list_page_searches_the_same_way(client, board):
    page = client.get("/jobs/?q=wfh")

    assert [job.title for job in page.context["job_postings"]] == ["Chat Support Agent"]


def test_buyers_find_vendors_by_compliance_industry_and_language():
    make_vendor("Harbor Health", compliance_standards=["hipaa"], industries=["healthcare"], languages=["es"])
    make_vendor("Summit Payments", compliance_standards=["pci-dss"], industries=["finance-banking"])
    make_vendor("Nova Contact", description="We also serve hospitals.", services=["customer-support"])

    assert vendor_names("HIPAA") == ["Harbor Health"]
    assert vendor_names("healthcare") == ["Harbor Health"]
    assert vendor_names("medical") == ["Harbor Health"]  # a curators' synonym of healthcare
    assert set(vendor_names("pci")) == {"Summit Payments"}
    assert vendor_names("spanish") == ["Harbor Health"]


def test_a_synonym_a_curator_adds_works_at_once_and_one_removed_stops(curator_client, board):
    assert titles("/api/v1/jobs/?q=overnight") == []

    added = curator_client.post(
        "/admin/core/searchsynonym/add/",
        {"phrase": "Overnight", "alternatives": "night shift\ngraveyard", "keep_phrase": "on", "scope": "jobs"},
    )

    assert added.status_code == 302, added.content
    assert titles("/api/v1/jobs/?q=overnight") == ["Customer Service Representative"]
    SearchSynonym.objects.get(phrase__iexact="wfh").delete()
    assert titles("/api/v1/jobs/?q=wfh") == []


def test_the_migrations_load_the_words_people_type():
    phrases = {synonym.phrase.lower(): synonym for synonym in SearchSynonym.objects.all()}

    assert {"csr", "tsr", "wfh", "graveyard", "fresh grad", "no experience", "non-voice", "hmo"} <= set(phrases)
    assert not phrases["no experience"].keep_phrase  # "experience" alone would find every posting


@postgresql_only
def test_a_search_matching_elsewhere_but_nothing_within_the_filters_is_an_empty_page(client, corpus):
    """The tiered page read (core.search.page_keys) of an empty page: no tier to read, no error."""
    api = APIClient().get("/api/v1/jobs/?q=technical+support&country=JM")
    page = client.get("/jobs/?q=technical+support&country=JM")

    assert api.status_code == 200 and api.json()["count"] == 0
    assert page.status_code == 200 and list(page.context["job_postings"]) == []


@postgresql_only
def test_a_search_of_no_rows_by_construction_finds_nothing(corpus):
    assert list(JobPosting.objects.none().search("custmer care")) == []
