"""Facet counts are kept in the cache for FACETS_CACHE_SECONDS (a minute) per endpoint and selection: counting
every option over a million postings takes seconds (docs/search-and-matching.md). A new posting shows up in them
once the entry expires; then one request counts again while the others get the previous counts. Every facet is
counted in one query. An employer's own counts (mine=true) are never cached."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core import sql
from demo.factories.directory import EmployerMembershipFactory
from demo.factories.jobs import PublishedJobPostingFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def remote_count(client, query="") -> int:
    body = client.get(f"/api/v1/jobs/facets/?{query}").json()
    return next(option["count"] for option in body["work_arrangement"] if option["value"] == "remote")


def test_counts_come_from_the_cache_for_a_minute_then_count_the_new_posting(api, settings):
    settings.FACETS_CACHE_SECONDS = 60
    PublishedJobPostingFactory(work_arrangement="remote", country="PH")
    assert remote_count(api) == 1
    PublishedJobPostingFactory(work_arrangement="remote", country="PH")
    with CaptureQueriesContext(connection) as ctx:
        assert remote_count(api) == 1  # served from the cache: no counting query
    assert not [q for q in ctx.captured_queries if "COUNT" in q["sql"].upper()]
    assert remote_count(api, "country=PH") == 2  # another selection has its own entry
    cache.clear()  # what the minute's expiry does
    assert remote_count(api) == 2


def test_without_a_cache_time_every_request_counts(api, settings):
    settings.FACETS_CACHE_SECONDS = 0
    PublishedJobPostingFactory(work_arrangement="remote")
    assert remote_count(api) == 1
    PublishedJobPostingFactory(work_arrangement="remote")
    assert remote_count(api) == 2


def test_an_employers_own_counts_are_never_cached(settings):
    settings.FACETS_CACHE_SECONDS = 60
    membership = EmployerMembershipFactory()
    member = client_for(membership.user)
    PublishedJobPostingFactory(employer=membership.employer, work_arrangement="remote")
    assert remote_count(member, "mine=true") == 1
    PublishedJobPostingFactory(employer=membership.employer, work_arrangement="remote")
    assert remote_count(member, "mine=true") == 2


def list_count(client, query="") -> int:
    return client.get(f"/api/v1/jobs/?{query}").json()["count"]


def test_a_large_public_total_is_cached_like_the_facets_and_a_small_one_is_always_current(settings, monkeypatch):
    settings.FACETS_CACHE_SECONDS = 60
    monkeypatch.setattr(sql, "CACHED_COUNT_MIN", 2)  # "large" at a test's scale
    PublishedJobPostingFactory(country="PH")
    assert list_count(APIClient(), "country=PH") == 1
    PublishedJobPostingFactory(country="PH")
    assert list_count(APIClient(), "country=PH") == 2  # under the threshold: counted every time
    PublishedJobPostingFactory(country="PH")

    assert list_count(APIClient(), "country=PH&page_size=5") == 2  # the same selection, from the cache
    assert list_count(APIClient()) == 3  # another selection has its own entry
    cache.clear()  # what the minute's expiry does
    assert list_count(APIClient(), "country=PH") == 3


def test_an_employers_own_total_is_never_cached(settings, monkeypatch):
    settings.FACETS_CACHE_SECONDS = 60
    monkeypatch.setattr(sql, "CACHED_COUNT_MIN", 1)
    membership = EmployerMembershipFactory()
    member = client_for(membership.user)
    PublishedJobPostingFactory(employer=membership.employer)
    assert list_count(member, "mine=true") == 1
    PublishedJobPostingFactory(employer=membership.employer)
    assert list_count(member, "mine=true") == 2


# --- One query, and one request recounting ----------------------------------------------------------------------


def counting_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/jobs/facets/",
        "/api/v1/jobs/facets/?country=PH&shift=night&skill=zendesk&language=en&city=Manila",
        "/api/v1/vendors/facets/",
        "/api/v1/vendors/facets/?country=PH&service=customer-support&shore_model=offshore&client_country=US",
    ],
)
def test_every_facet_is_counted_in_one_query(api, url):
    PublishedJobPostingFactory(country="PH", shift="night")
    with CaptureQueriesContext(connection) as ctx:
        body = api.get(url).json()
    assert len(counting_queries(ctx)) == 1
    assert len(body) > 5  # every filter group has its counts


def test_the_list_page_takes_its_total_from_the_facet_query(client):
    for _ in range(3):
        PublishedJobPostingFactory(country="PH")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/jobs/?country=PH")
    assert response.context["page_obj"].paginator.count == 3
    assert len(counting_queries(ctx)) == 1  # no separate COUNT(*) for the total


def facets_key(query: str) -> str:
    from django.http import QueryDict

    from jobs.filters import JobFilter
    from jobs.models import JobPosting

    return JobFilter(QueryDict(query), queryset=JobPosting.objects.published()).cache_key("api:jobs")


def test_an_expired_entry_is_recounted_by_one_request_while_the_others_get_the_previous_counts(api, settings):
    settings.FACETS_CACHE_SECONDS = 1
    PublishedJobPostingFactory(work_arrangement="remote")
    assert remote_count(api) == 1
    PublishedJobPostingFactory(work_arrangement="remote")
    time.sleep(1.1)  # the entry is now stale

    # Another request found it stale first and is counting (it holds the lock): this one does not count too.
    assert cache.add(f"{facets_key('')}:lock", 1, 30)
    with CaptureQueriesContext(connection) as ctx:
        assert remote_count(APIClient()) == 1  # the previous counts, at once
    assert counting_queries(ctx) == []

    cache.delete(f"{facets_key('')}:lock")  # that request is done; the next one to find it stale recounts
    with CaptureQueriesContext(connection) as ctx:
        assert remote_count(APIClient()) == 2
    assert len(counting_queries(ctx)) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert remote_count(APIClient()) == 2  # fresh again: from the cache
    assert counting_queries(ctx) == []


def test_a_new_posting_is_counted_once_the_entry_expires_without_clearing_the_cache(api, settings):
    settings.FACETS_CACHE_SECONDS = 1
    PublishedJobPostingFactory(work_arrangement="remote", country="PH")
    assert remote_count(api, "country=PH") == 1
    PublishedJobPostingFactory(work_arrangement="remote", country="PH")
    assert remote_count(api, "country=PH") == 1  # within the entry's time: the counts as they were
    time.sleep(1.1)
    assert remote_count(api, "country=PH") == 2  # after it: the first request recounts, itself seeing the new posting
