"""Every public list and detail page and endpoint reads a fixed, small number of queries (at most 3), counted
cold: the shared cache empty, as for the first visitor after a deploy or an expiry. The rows of a page come with
their relations in one query (`core.sql.with_related_json`), and the facet counts with the list's total in one more
(`core.facets.count_facets`); a landing page's own row (a skill, an employer) is the third."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.helpers import make_job, make_vendor

pytestmark = pytest.mark.django_db

BUDGET = 3


@pytest.fixture
def catalog():
    """Enough of everything that each relation a page shows has rows: vendors with centers, services and
    reviews-to-be, postings with skills, languages and certifications."""
    vendors = [
        make_vendor(
            f"Vendor {n}",
            services=["customer-support", "technical-support"],
            channels=["voice", "chat"],
            languages=["en", "es"],
            centers=[("PH", "Manila", 100 + n), ("MX", "Monterrey", 50)],
            verified=n % 2 == 0,
        )
        for n in range(4)
    ]
    postings = [
        make_job(
            f"Support Agent {n}",
            country="PH",
            city="Manila",
            shift="night",
            work_arrangement="remote",
            skills=["zendesk", "active-listening"],
            languages=[("en", "C1")],
        )
        for n in range(6)
    ]
    return vendors, postings


def cold_queries(client, url) -> tuple[int, object]:
    """The queries of `url` with the shared cache empty: the first visitor after a deploy or an expiry, on a
    worker that has answered before (each process keeps the small reference tables, the vocabularies and the
    search synonyms, for a minute: `core.memo`)."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response


LIST_PAGES = [
    "/jobs/",
    "/jobs/?page_size=100",
    "/jobs/?country=PH&shift=night",
    "/jobs/?city=manila&employment_type=full_time&posted_within=7",
    "/jobs/?ordering=-salary_max",
    "/jobs/?ordering=posted_at&page=2&page_size=5",
    "/jobs/remote/",
    "/jobs/countries/ph/",
    "/vendors/",
    "/vendors/?page_size=100",
    "/vendors/?country=PH&hours=business&verified=true",
    "/vendors/?ordering=-rating",
    "/api/v1/jobs/",
    "/api/v1/jobs/?country=PH&shift=night&page_size=100",
    "/api/v1/jobs/?ordering=-salary_max",
    "/api/v1/jobs/facets/",
    "/api/v1/jobs/facets/?country=PH&shift=night",
    "/api/v1/vendors/",
    "/api/v1/vendors/?country=PH&page_size=100",
    "/api/v1/vendors/facets/",
    "/api/v1/vendors/facets/?country=PH&hours=24x7",
]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_list_reads_at_most_three_queries_with_the_cache_empty(catalog, url):
    client = APIClient() if url.startswith("/api/") else None
    count, response = cold_queries(client or _client(), url)
    assert count <= BUDGET, url
    if url.startswith("/api/") and "facets" not in url:
        assert response.json()["count"] > 0  # the list is not empty: its rows were read
    elif "facets" not in url:
        assert b"Support Agent" in response.content or b"Vendor " in response.content


def _client():
    from django.test import Client

    return Client()


@pytest.mark.parametrize("page", ["/jobs/skills/zendesk/", "/vendors/services/customer-support/"])
def test_a_landing_page_reads_at_most_three_queries_with_the_cache_empty(catalog, client, page):
    count, response = cold_queries(client, page)
    assert count <= BUDGET
    assert response.context["page_obj"].paginator.count > 0


def test_a_search_reads_at_most_three_queries(catalog, client):
    """On PostgreSQL whether the words match as typed, or else their close words, is one query
    (`core.search.searched_words`)."""
    count, response = cold_queries(client, "/jobs/?q=support")
    assert count <= BUDGET
    assert len(response.context["job_postings"]) == 6


def test_a_search_with_a_typo_reads_at_most_three_queries(catalog, client):
    count, response = cold_queries(client, "/jobs/?q=suport")
    assert count <= BUDGET
    if connection.vendor == "postgresql":  # SQLite has no close words
        assert len(response.context["job_postings"]) == 6


def test_a_filter_on_skills_or_languages_reads_at_most_three_queries(catalog, client):
    count, response = cold_queries(client, "/jobs/?skill=zendesk&work_arrangement=remote")
    assert count <= BUDGET
    assert len(response.context["job_postings"]) == 6


def test_detail_pages_and_endpoints_read_at_most_three_queries_with_the_cache_empty(catalog, client):
    vendors, postings = catalog
    vendor, posting = vendors[0], postings[0]
    pages = {
        posting.get_absolute_url(): posting.title,
        vendor.get_absolute_url(): vendor.name,
    }
    for url, shown in pages.items():
        count, response = cold_queries(client, url)
        assert count <= BUDGET, url
        assert shown in response.content.decode()
    endpoints = {f"/api/v1/jobs/{posting.slug}/": posting.title, f"/api/v1/vendors/{vendor.slug}/": vendor.name}
    for url, shown in endpoints.items():
        count, response = cold_queries(APIClient(), url)
        assert count <= BUDGET, url
        assert shown in response.content.decode()


def test_relations_read_as_json_are_what_the_page_shows(catalog, client):
    """The JSON-read relations give the same objects, in the same order, as separate queries would."""
    vendors, postings = catalog
    page = client.get(vendors[0].get_absolute_url()).content.decode()
    assert "Manila" in page and "Monterrey" in page
    assert page.index("Manila") < page.index("Monterrey")  # centers by seats, most first
    assert "Customer support" in page or "Customer Support" in page
    job = client.get(postings[0].get_absolute_url()).content.decode()
    assert "Zendesk" in job
