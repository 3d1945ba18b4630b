"""GET /api/v1/vendors/ and /api/v1/vendors/{slug}/, and the vocabulary endpoints: what anyone can read.

Five published vendors with known attributes, and one vendor in each status the public must not see that would
match every filter, so each test names exactly which vendors a query lists, and in which order.
"""

import json
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from demo.factories.accounts import CuratorFactory
from demo.factories.directory import (
    PublishedVendorFactory,
    VendorMembershipFactory,
)
from directory.api.serializers import VendorSerializer
from directory.models import ComplianceStandard, Industry, Language, ServiceType, Vendor
from jobs.models import Certification, Skill
from tests.helpers import HIDDEN_VENDOR_FACTORIES, client_for, make_vendor, slugs

pytestmark = pytest.mark.django_db

ALPHA, BRAVO, CHARLIE, DELTA, ECHO = "alpha-voice", "bravo-back", "charlie-chat", "delta-sales", "echo-support"
ALL = {ALPHA, BRAVO, CHARLIE, DELTA, ECHO}
# Private contact details and moderation notes, planted on every vendor: none may show up in a response.
SECRETS = {
    "contact_name": "Zelda Privatename",
    "contact_email": "private-desk@hidden.example",
    "contact_phone": "+1 555 0199 7777",
    "rejection_reason": "SECRET-MODERATION-NOTE",
}
VENDOR_LIST_KEYS = {
    "slug",
    "name",
    "url",
    "services",
    "shore_models",
    "call_center_types",
    "channels",
    "languages",
    "countries",
    "total_seats",
    "hourly_rate_min",
    "hourly_rate_max",
    "hours",
    "compliance",
    "verified",
    "rating",
}


@pytest.fixture
def vendors():
    """The five published vendors, plus a hidden one per unpublished status matching every filter."""
    curator = CuratorFactory(username="curator-who-moderated")
    common = {**SECRETS, "status_changed_by": curator}
    built = {
        ALPHA: make_vendor(
            "Alpha Voice",
            services=["customer-support", "sales"],
            shore_models=["onshore"],
            call_center_types=["inbound"],
            channels=["voice", "email"],
            languages=["en", "es"],
            centers=[("PH", 300), ("US", 100)],
            industries=["healthcare"],
            compliance_standards=["hipaa", "pci-dss"],
            hourly_rate_min=Decimal(8),
            hourly_rate_max=Decimal(12),
            hours="24x7",
            verified=True,
            rating_average=Decimal("4.50"),
            rating_count=10,
            founded_year=2001,
            **common,
        ),
        BRAVO: make_vendor(
            "Bravo Back",
            services=["data-entry", "payroll"],
            shore_models=["offshore"],
            call_center_types=["virtual"],
            channels=["email"],
            languages=["en"],
            centers=[("IN", 50)],
            industries=["finance-banking"],
            compliance_standards=["iso-27001"],
            hourly_rate_min=Decimal(5),
            hourly_rate_max=Decimal(7),
            hours="business",
            founded_year=2015,
            **common,
        ),
        CHARLIE: make_vendor(
            "Charlie Chat",
            services=["customer-support", "email-chat-support"],
            shore_models=["nearshore", "offshore"],
            call_center_types=["inbound", "outbound"],
            channels=["chat", "email", "voice"],
            languages=["es", "pt"],
            centers=[("MX", 120), ("CO", 80)],
            industries=["retail-ecommerce", "telecom"],
            compliance_standards=["pci-dss"],
            hourly_rate_min=Decimal(15),
            hourly_rate_max=Decimal(20),
            hours="extended",
            verified=True,
            rating_average=Decimal("3.80"),
            rating_count=4,
            founded_year=1995,
            **common,
        ),
        DELTA: make_vendor(
            "Delta Sales",
            services=["sales", "telemarketing", "lead-generation"],
            shore_models=["onshore"],
            call_center_types=["outbound"],
            channels=["voice"],
            languages=["en"],
            centers=[("US", 1000)],
            industries=["technology-saas"],
            compliance_standards=["soc-2", "pci-dss"],
            hourly_rate_min=Decimal(30),
            hourly_rate_max=Decimal(45),
            hours="business",
            rating_average=Decimal("4.90"),
            rating_count=2,
            founded_year=2010,
            **common,
        ),
        ECHO: make_vendor(
            "Echo Support",
            services=["customer-support"],
            channels=["voice"],
            languages=["en", "tl"],
            centers=[("PH", 60)],
            hours="24x7",
            featured=True,
            **common,
        ),
    }
    everything = {
        "services": ["customer-support", "sales", "data-entry", "payroll", "email-chat-support", "telemarketing"],
        "shore_models": ["onshore", "nearshore", "offshore"],
        "call_center_types": ["inbound", "outbound", "virtual"],
        "channels": ["voice", "email", "chat"],
        "languages": ["en", "es", "pt", "tl"],
        "centers": [("PH", 5000), ("US", 10), ("IN", 10), ("MX", 10), ("CO", 10)],
        "industries": ["healthcare", "finance-banking", "retail-ecommerce", "telecom", "technology-saas"],
        "compliance_standards": ["hipaa", "pci-dss", "iso-27001", "soc-2"],
        "hourly_rate_min": Decimal(1),
        "hourly_rate_max": Decimal(2),
        "hours": "24x7",
        "founded_year": 2000,
        "rating_average": Decimal(5),
        "rating_count": 99,
    }
    for status, factory in HIDDEN_VENDOR_FACTORIES.items():
        built[status] = make_vendor(f"Alpha Hidden {status}", factory=factory, **everything, **common)
    return built


# The list -----------------------------------------------------------------------------------------------------


def test_list_is_paginated_and_each_item_carries_the_contract_fields(api, vendors):
    response = api.get("/api/v1/vendors/?ordering=name")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "count_exact", "next", "previous", "results"}
    assert body["count_exact"] is True
    assert (body["count"], body["next"], body["previous"]) == (5, None, None)
    assert [item["slug"] for item in body["results"]] == [ALPHA, BRAVO, CHARLIE, DELTA, ECHO]
    alpha = body["results"][0]
    assert set(alpha) >= VENDOR_LIST_KEYS
    assert alpha["name"] == "Alpha Voice"
    assert alpha["url"] == "http://testserver/vendors/alpha-voice/"
    assert alpha["services"] == [
        {"slug": "customer-support", "name": "Customer support", "category": "front_office"},
        {"slug": "sales", "name": "Sales", "category": "front_office"},
    ]
    assert alpha["shore_models"] == [{"slug": "onshore", "name": "Onshore"}]
    assert [term["slug"] for term in alpha["call_center_types"]] == ["inbound"]
    assert sorted(term["slug"] for term in alpha["channels"]) == ["email", "voice"]
    assert sorted(language["code"] for language in alpha["languages"]) == ["en", "es"]
    assert all(set(language) == {"code", "name"} for language in alpha["languages"])
    assert alpha["countries"] == ["PH", "US"]
    assert alpha["total_seats"] == 400
    assert (alpha["hourly_rate_min"], alpha["hourly_rate_max"]) == (8, 12)
    assert alpha["hours"] == "24x7"
    assert sorted(term["slug"] for term in alpha["compliance"]) == ["hipaa", "pci-dss"]
    assert alpha["verified"] is True
    assert alpha["rating"] == {"average": 4.5, "count": 10}
    echo = body["results"][4]
    assert echo["rating"] == {"average": None, "count": 0}
    assert (echo["hourly_rate_min"], echo["hourly_rate_max"], echo["verified"]) == (None, None, False)


def test_the_list_says_exactly_what_the_serializer_says(api, vendors):
    """The list builds its JSON from one query per page (`card_rows`), without model instances: it must say
    what `VendorSerializer` says of each vendor, vocabularies in their order, decimals and ratings included."""
    make_vendor(
        "Foxtrot Mixed",
        services=["payroll", "customer-support", "technical-support", "data-entry"],  # both categories
        shore_models=["onshore", "offshore"],
        channels=["voice", "chat", "email"],
        languages=["tl", "en", "es"],
        centers=[("PH", 200), ("PH", "Cebu", 100), ("IN", 10)],
        hourly_rate_min=Decimal("7.25"),
        rating_average=Decimal("4.25"),
        headquarters_country="SG",
        featured=True,
    )
    request = APIRequestFactory().get("/api/v1/vendors/")
    published = Vendor.objects.for_profile().published().by_relevance()
    expected = [
        json.loads(JSONRenderer().render(VendorSerializer(vendor, context={"request": request}).data))
        for vendor in published
    ]

    listed = api.get("/api/v1/vendors/").json()["results"]

    assert listed == expected
    assert listed[0]["name"] == "Foxtrot Mixed"
    assert [s["slug"] for s in listed[0]["services"]][:2] == ["customer-support", "technical-support"]
    assert listed[0]["countries"] == ["IN", "PH"]
    assert listed[0]["headquarters_country"] == "SG"


def test_list_shows_published_vendors_only(api, vendors):
    assert set(slugs(api.get("/api/v1/vendors/"))) == ALL


def test_default_order_is_featured_then_verified_then_best_rated(api, vendors):
    assert slugs(api.get("/api/v1/vendors/")) == [ECHO, ALPHA, CHARLIE, DELTA, BRAVO]


FILTER_CASES = [
    # q: every word in the name, tagline, description or a service's name, any case.
    ("q=chat", {CHARLIE}),
    ("q=PAYROLL", {BRAVO}),
    ("q=alpha+voice", {ALPHA}),
    ("q=alpha+payroll", set()),
    # service: the vendor offers all of them.
    ("service=customer-support", {ALPHA, CHARLIE, ECHO}),
    ("service=customer-support&service=sales", {ALPHA}),
    ("service=payroll&service=sales", set()),
    ("category=back_office", {BRAVO}),
    ("category=front_office", {ALPHA, CHARLIE, DELTA, ECHO}),
    # shore_model, call_center_type: any of them.
    ("shore_model=nearshore", {CHARLIE}),
    ("shore_model=onshore&shore_model=nearshore", {ALPHA, CHARLIE, DELTA}),
    ("call_center_type=virtual", {BRAVO}),
    ("call_center_type=inbound&call_center_type=outbound", {ALPHA, CHARLIE, DELTA}),
    # channel, language: all of them.
    ("channel=email", {ALPHA, BRAVO, CHARLIE}),
    ("channel=voice&channel=email", {ALPHA, CHARLIE}),
    ("language=es", {ALPHA, CHARLIE}),
    ("language=en&language=es", {ALPHA}),
    ("language=en&language=tl", {ECHO}),
    # country (of a delivery center, any case), industry: any of them.
    ("country=PH", {ALPHA, ECHO}),
    ("country=mx&country=IN", {BRAVO, CHARLIE}),
    ("industry=telecom", {CHARLIE}),
    ("industry=telecom&industry=healthcare", {ALPHA, CHARLIE}),
    # compliance: all of them.
    ("compliance=pci-dss", {ALPHA, CHARLIE, DELTA}),
    ("compliance=pci-dss&compliance=hipaa", {ALPHA}),
    ("compliance=pci-dss&compliance=iso-27001", set()),
    # max_hourly_rate: the lowest rate is at most that much (vendors without rates are left out).
    ("max_hourly_rate=15", {ALPHA, BRAVO, CHARLIE}),
    ("max_hourly_rate=14.99", {ALPHA, BRAVO}),
    ("max_hourly_rate=0", set()),
    # min_seats: seats over all delivery centers.
    ("min_seats=200", {ALPHA, CHARLIE, DELTA}),
    ("min_seats=401", {DELTA}),
    ("min_seats=0", ALL),
    # hours: at least that coverage.
    ("hours=business", ALL),
    ("hours=extended", {ALPHA, CHARLIE, ECHO}),
    ("hours=24x7", {ALPHA, ECHO}),
    ("verified=true", {ALPHA, CHARLIE}),
    ("verified=false", {BRAVO, DELTA, ECHO}),
    # Combinations narrow each other.
    ("service=customer-support&country=PH&hours=24x7&verified=true", {ALPHA}),
    ("channel=email&max_hourly_rate=10", {ALPHA, BRAVO}),
    ("shore_model=offshore&language=es&min_seats=150", {CHARLIE}),
    ("category=front_office&compliance=pci-dss&verified=false", {DELTA}),
    ("q=support&hours=extended", {ALPHA, CHARLIE, ECHO}),
    ("q=echo+support&hours=24x7", {ECHO}),
]


def test_filters(api, vendors):
    """Each query against the same vendors (one test, so the vendors are built once); every mismatch is reported."""
    wrong = {}
    for query, expected in FILTER_CASES:
        found = set(slugs(api.get(f"/api/v1/vendors/?{query}")))
        if found != expected:
            wrong[query] = {"expected": sorted(expected), "found": sorted(found)}
    assert wrong == {}


ORDERING_CASES = [
    ("name", [ALPHA, BRAVO, CHARLIE, DELTA, ECHO]),
    ("-name", [ECHO, DELTA, CHARLIE, BRAVO, ALPHA]),
    # Vendors without a value come last in both directions, then by name.
    ("-rating", [DELTA, ALPHA, CHARLIE, BRAVO, ECHO]),
    ("rating", [CHARLIE, ALPHA, DELTA, BRAVO, ECHO]),
    ("hourly_rate", [BRAVO, ALPHA, CHARLIE, DELTA, ECHO]),
    ("-hourly_rate", [DELTA, CHARLIE, ALPHA, BRAVO, ECHO]),
    ("-seats", [DELTA, ALPHA, CHARLIE, ECHO, BRAVO]),
    ("seats", [BRAVO, ECHO, CHARLIE, ALPHA, DELTA]),
    ("-founded_year", [BRAVO, DELTA, ALPHA, CHARLIE, ECHO]),
    ("founded_year", [CHARLIE, ALPHA, DELTA, BRAVO, ECHO]),
]


def test_ordering(api, vendors):
    wrong = {}
    for ordering, expected in ORDERING_CASES:
        found = slugs(api.get(f"/api/v1/vendors/?ordering={ordering}"))
        if found != expected:
            wrong[ordering] = {"expected": expected, "found": found}
    assert wrong == {}


def test_ordering_applies_to_a_filtered_list(api, vendors):
    assert slugs(api.get("/api/v1/vendors/?service=customer-support&ordering=-seats")) == [ALPHA, CHARLIE, ECHO]
    assert slugs(api.get("/api/v1/vendors/?channel=voice&ordering=hourly_rate")) == [ALPHA, CHARLIE, DELTA, ECHO]


def test_pages_of_a_filtered_sorted_list(api, vendors):
    first = api.get("/api/v1/vendors/?ordering=name&page_size=2").json()
    assert first["count"] == 5
    assert [item["slug"] for item in first["results"]] == [ALPHA, BRAVO]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/vendors/?ordering=name&page=2&page_size=2"

    second = api.get(first["next"]).json()
    assert [item["slug"] for item in second["results"]] == [CHARLIE, DELTA]
    assert second["previous"] == "http://testserver/api/v1/vendors/?ordering=name&page_size=2"

    last = api.get("/api/v1/vendors/?ordering=name&page_size=2&page=3").json()
    assert [item["slug"] for item in last["results"]] == [ECHO]
    assert last["next"] is None
    assert slugs(api.get("/api/v1/vendors/?ordering=name&page_size=2&page=last")) == [ECHO]

    filtered = api.get("/api/v1/vendors/?verified=false&ordering=-name&page_size=2&page=2").json()
    assert filtered["count"] == 3
    assert [item["slug"] for item in filtered["results"]] == [BRAVO]


def test_page_size_defaults_to_20(api):
    PublishedVendorFactory.create_batch(23)

    first = api.get("/api/v1/vendors/").json()
    assert (first["count"], len(first["results"])) == (23, 20)
    second = api.get("/api/v1/vendors/?page=2").json()
    assert len(second["results"]) == 3
    assert {item["slug"] for item in first["results"]}.isdisjoint(item["slug"] for item in second["results"])
    assert api.get("/api/v1/vendors/?page=3").status_code == 404


# One vendor -------------------------------------------------------------------------------------------------


def test_detail_of_a_published_vendor(api, vendors):
    response = api.get(f"/api/v1/vendors/{ALPHA}/")

    assert response.status_code == 200
    vendor = response.json()
    assert set(vendor) >= VENDOR_LIST_KEYS
    assert vendor["slug"] == ALPHA
    assert vendor["total_seats"] == 400
    assert sorted((center["country"], center["seats"]) for center in vendor["centers"]) == [("PH", 300), ("US", 100)]


def test_unpublished_vendors_are_not_found(api, user_api, vendors):
    listed = api.get("/api/v1/vendors/?page_size=100").content.decode()
    for status in HIDDEN_VENDOR_FACTORIES:
        slug = vendors[status].slug
        assert (status, api.get(f"/api/v1/vendors/{slug}/").status_code) == (status, 404)
        assert (status, user_api.get(f"/api/v1/vendors/{slug}/").status_code) == (status, 404)
        assert slug not in listed


def test_unknown_vendor_is_not_found(api, vendors):
    response = api.get("/api/v1/vendors/no-such-vendor/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_a_member_sees_their_own_unpublished_vendor_but_it_stays_out_of_the_list(vendors):
    member = VendorMembershipFactory(vendor=vendors["draft"]).user
    client = client_for(member)

    assert client.get(f"/api/v1/vendors/{vendors['draft'].slug}/").status_code == 200
    assert set(slugs(client.get("/api/v1/vendors/"))) == ALL
    assert client.get(f"/api/v1/vendors/{vendors['pending'].slug}/").status_code == 404


def test_contact_details_and_moderation_notes_never_appear(api, vendors):
    member = VendorMembershipFactory(vendor=vendors["draft"]).user
    responses = [
        api.get("/api/v1/vendors/?page_size=100"),
        api.get(f"/api/v1/vendors/{ALPHA}/"),
        api.get(f"/api/v1/vendors/{ECHO}/"),
        # Not even to the vendor's own members.
        client_for(member).get(f"/api/v1/vendors/{vendors['draft'].slug}/"),
    ]

    for response in responses:
        assert response.status_code == 200
        text = response.content.decode()
        for secret in [*SECRETS.values(), "curator-who-moderated"]:
            assert secret not in text
        for key in ["contact_name", "contact_email", "contact_phone", "rejection_reason", "status_changed"]:
            assert key not in text


# Vocabularies -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "model", "key", "fields", "example"),
    [
        ("services", ServiceType, "slug", {"slug", "name", "category"}, "customer-support"),
        ("industries", Industry, "slug", {"slug", "name"}, "healthcare"),
        ("languages", Language, "code", {"code", "name"}, "tl"),
        ("compliance-standards", ComplianceStandard, "slug", {"slug", "name"}, "pci-dss"),
        ("skills", Skill, "slug", {"slug", "name"}, "zendesk"),
        ("certifications", Certification, "slug", {"slug", "name"}, "hdi-csr"),
    ],
)
def test_vocabularies_are_plain_unpaginated_lists(api, path, model, key, fields, example):
    response = api.get(f"/api/v1/{path}/")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert len(body) == model.objects.count() > 0
    assert all(fields <= set(term) for term in body)
    assert sorted(term[key] for term in body) == sorted(model.objects.values_list(key, flat=True))
    assert example in {term[key] for term in body}
