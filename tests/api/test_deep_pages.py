"""Pages stop at MAX_PAGE_NUMBER (core/pagination.py): page n reads past (n - 1) x page_size rows, so an unbounded
page number would let one request walk the whole table. Past it the API answers 404 saying why and what to do;
the list pages show the last page they have, with a notice."""

import pytest
from rest_framework.test import APIClient

from core.pagination import MAX_PAGE_NUMBER
from demo.factories.directory import EmployerFactory
from tests.helpers import bulk_postings

pytestmark = pytest.mark.django_db


@pytest.fixture
def more_than_the_pages_hold():
    bulk_postings(MAX_PAGE_NUMBER + 5, employer=EmployerFactory())


def test_the_api_refuses_a_page_past_the_last_one_it_serves(more_than_the_pages_hold):
    api = APIClient()
    last = api.get(f"/api/v1/jobs/?page_size=1&page={MAX_PAGE_NUMBER}")
    assert last.status_code == 200
    assert last.json()["next"] is None  # the last page it serves
    assert last.json()["count"] == MAX_PAGE_NUMBER + 5  # the total is still the whole selection's

    past = api.get(f"/api/v1/jobs/?page_size=1&page={MAX_PAGE_NUMBER + 1}")
    assert past.status_code == 404
    assert f"Pages stop at {MAX_PAGE_NUMBER}" in past.json()["detail"]
    assert f"page={MAX_PAGE_NUMBER - 1}&" in api.get("/api/v1/jobs/?page_size=1&page=last").json()["previous"]


def test_the_api_counts_a_selection_only_as_far_as_its_pages_reach_and_says_so(more_than_the_pages_hold, monkeypatch):
    """A common search matches half a million postings; no page past COUNT_LIMIT rows is ever served, so the
    count stops there (1.5 s to a few ms at a million) and `count_exact` says it stopped."""
    api = APIClient()
    monkeypatch.setattr("core.sql.COUNT_LIMIT", MAX_PAGE_NUMBER + 2)
    capped = api.get("/api/v1/jobs/?page_size=1").json()
    assert (capped["count"], capped["count_exact"]) == (MAX_PAGE_NUMBER + 2, False)
    last = api.get(f"/api/v1/jobs/?page_size=1&page={MAX_PAGE_NUMBER}").json()
    assert len(last["results"]) == 1 and last["next"] is None  # every page served is still there

    monkeypatch.setattr("core.sql.COUNT_LIMIT", MAX_PAGE_NUMBER + 5)
    exact = api.get("/api/v1/jobs/?page_size=1").json()
    assert (exact["count"], exact["count_exact"]) == (MAX_PAGE_NUMBER + 5, True)
    vendors = api.get("/api/v1/vendors/").json()
    assert vendors["count_exact"] is True


def test_a_list_page_past_the_last_one_shows_the_last_with_a_notice(client, more_than_the_pages_hold):
    response = client.get(f"/jobs/?page_size=1&page={MAX_PAGE_NUMBER + 3}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == MAX_PAGE_NUMBER
    assert f"Pages stop at {MAX_PAGE_NUMBER}" in response.content.decode()
    assert not response.context["page_obj"].has_next()
