"""The bulk seed (demo/bulk.py) writes text a search can tell apart: thousands of titles, descriptions that differ,
common phrases matching a share of postings and rare words a handful; and the search vectors it builds from
fragments are the ones the site would compute. PostgreSQL only: on SQLite seed_demo plans each posting in Python
(tests/project/test_seed_demo.py)."""

from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count

from core.search import full_text_query
from demo.bulk import client_brands, rare_terms
from demo.seed import flush_seeded_data, seed_demo
from jobs.models import JobPosting
from jobs.search import job_search_vector

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk seed runs on PostgreSQL only"),
]
VENDORS, JOBS = 200, 6000


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_demo(vendors=VENDORS, jobs=JOBS, seed=7, bulk=True)
        yield
        flush_seeded_data()


def matching(text: str) -> int:
    return JobPosting.objects.filter(search_vector=full_text_query(text, "jobs")).count()


def test_the_requested_postings_are_written():
    assert JobPosting.objects.count() == JOBS
    assert not JobPosting.objects.filter(skill_requirements__isnull=True).exists()
    assert not JobPosting.objects.filter(language_requirements__isnull=True).exists()


def test_thousands_of_distinct_titles_none_dominating():
    titles = Counter(JobPosting.objects.values_list("title", flat=True))

    assert len(titles) > 1500
    assert titles.most_common(1)[0][1] < JOBS / 20
    assert any(" - " in title and "-Speaking " in title for title in titles)  # account line and language desk


def test_descriptions_differ():
    descriptions = set(JobPosting.objects.values_list("description", flat=True))

    assert len(descriptions) > 0.99 * JOBS


def test_a_common_phrase_matches_a_share_of_postings_not_all():
    share = matching("customer support") / JOBS

    assert 0.15 < share < 0.8
    assert matching("chat support") < matching("customer support")


def test_client_brands_follow_zipfs_law():
    brands = client_brands()
    first, hundredth = matching(brands[0]), matching(brands[99])

    assert first > JOBS / 25
    assert first > 20 * max(1, hundredth)


def test_a_rare_term_hits_a_handful():
    (rare, *_) = rare_terms(JOBS, hits=4)

    assert 1 <= matching(rare) <= 15


def test_stored_vectors_are_what_the_site_computes():
    """The vectors concatenated from fragments equal `job_search_vector()` over the rows (weights and
    positions), so phrase searches and ranking behave as on postings the site writes itself."""
    every_37th = list(JobPosting.objects.order_by("pk").values_list("pk", flat=True))[::37]
    sample = JobPosting.objects.filter(pk__in=every_37th).order_by("pk")
    rows = sample.annotate(expected=job_search_vector()).values_list("pk", "search_vector", "expected")

    assert len(rows) > 100
    assert [(pk, stored) for pk, stored, _ in rows] == [(pk, expected) for pk, _, expected in rows]


def test_filters_spread_as_the_market_says():
    published = JobPosting.objects.published()
    countries = dict(published.values_list("country").annotate(n=Count("pk")))
    shifts = dict(published.values_list("shift").annotate(n=Count("pk")))
    dates = JobPosting.objects.filter(published_at__isnull=False).values_list("published_at", flat=True)

    assert 0.8 < published.count() / JOBS < 0.95
    assert max(countries, key=countries.get) == "PH" and len(countries) >= 12
    assert shifts["night"] > shifts["rotating"]
    assert (max(dates) - min(dates)).days > 150  # closed and expired postings reach back months
    assert published.filter(employer__vendor__isnull=True).exists()  # in-house teams hire too
    assert len(set(published.values_list("employer", flat=True))) > VENDORS / 3
