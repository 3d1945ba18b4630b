"""A list runs the same number of SQL queries for 10 items as for 100: no query per row, filtered or not.

Also where the page-size cap is checked, since these tests are the ones with more than 100 records.
"""

import itertools

import pytest

from demo.factories.directory import BpoEmployerFactory, DeliveryCenterFactory, EmployerFactory, PublishedVendorFactory
from demo.factories.jobs import PublishedJobPostingFactory
from directory.models import CallCenterType, Channel, ComplianceStandard, Industry, Language, ServiceType, ShoreModel
from jobs.models import Certification
from tests.helpers import count_api_queries

pytestmark = pytest.mark.django_db

ROWS = 105


def first(model, n):
    return list(model.objects.all()[:n])


@pytest.fixture
def many_vendors():
    vendors = PublishedVendorFactory.create_batch(
        ROWS,
        services=first(ServiceType, 3),
        shore_models=first(ShoreModel, 2),
        call_center_types=first(CallCenterType, 2),
        channels=first(Channel, 3),
        languages=first(Language, 2),
        industries=first(Industry, 2),
        compliance_standards=first(ComplianceStandard, 2),
    )
    for vendor in vendors:
        DeliveryCenterFactory(vendor=vendor, name="Manila", city="Manila", country="PH", time_zone="Asia/Manila")
        DeliveryCenterFactory(vendor=vendor, name="Cebu", city="Cebu City", country="PH", time_zone="Asia/Manila")
    return vendors


@pytest.fixture
def many_postings():
    employers = itertools.cycle([BpoEmployerFactory(), BpoEmployerFactory(), EmployerFactory()])
    certifications = first(Certification, 2)
    postings = [PublishedJobPostingFactory(employer=next(employers), country="PH") for _ in range(ROWS)]
    for posting in postings:
        posting.certifications.set(certifications)
    return postings


VENDOR_QUERIES = [
    "",
    "service=customer-support&country=PH&ordering=-seats",
    "hours=business&q=programs",
    "ordering=name",
]
JOB_QUERIES = [
    "",
    "country=PH&employer_kind=bpo&ordering=-salary_max",
    "language=en&language=tl&q=customer",
    "skill=typing",
]


def test_vendor_list_queries_do_not_grow_with_the_page_and_the_page_size_is_capped(api, many_vendors):
    counts = {}
    for query in VENDOR_QUERIES:
        small, small_body = count_api_queries(api, f"/api/v1/vendors/?{query}&page_size=10")
        large, large_body = count_api_queries(api, f"/api/v1/vendors/?{query}&page_size=100")
        assert len(small_body["results"]) == 10
        assert len(large_body["results"]) == 100
        assert all(item["services"] and item["countries"] == ["PH"] for item in large_body["results"])
        counts[query] = (small, large)
    assert {query: pair for query, pair in counts.items() if pair[0] != pair[1]} == {}

    # More than 100 is capped, not refused.
    for page_size in ["101", "1000", str(10**12)]:
        response = api.get(f"/api/v1/vendors/?page_size={page_size}&ordering=name")
        assert response.status_code == 200
        body = response.json()
        assert (body["count"], len(body["results"])) == (ROWS, 100)
    rest = api.get(body["next"]).json()
    assert len(rest["results"]) == ROWS - 100
    assert {item["slug"] for item in body["results"]}.isdisjoint(item["slug"] for item in rest["results"])


def test_job_list_queries_do_not_grow_with_the_page_and_the_page_size_is_capped(api, many_postings):
    counts = {}
    for query in JOB_QUERIES:
        small, small_body = count_api_queries(api, f"/api/v1/jobs/?{query}&page_size=10")
        large, large_body = count_api_queries(api, f"/api/v1/jobs/?{query}&page_size=100")
        assert len(small_body["results"]) == 10, query
        assert len(large_body["results"]) == min(100, large_body["count"]), query
        counts[query] = (small, large)
    assert {query: pair for query, pair in counts.items() if pair[0] != pair[1]} == {}

    _, body = count_api_queries(api, "/api/v1/jobs/?page_size=500")
    assert (body["count"], len(body["results"])) == (ROWS, 100)
    # The rows have requirements and employers of both kinds to fetch.
    assert all(item["skills"] and item["certifications"] for item in body["results"])
    assert any(item["languages"] for item in body["results"])
    assert {item["employer"]["kind"] for item in body["results"]} == {"bpo", "in_house"}
