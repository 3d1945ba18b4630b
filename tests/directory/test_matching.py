"""The vendor matcher: each rule, the score, the cost estimate, the hard requirements; over the API and the page."""

from datetime import time
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from directory.matching import FULL_TIME_HOURS, HOURS_24X7, Needs, Window, match_vendors
from directory.models import Channel, ComplianceStandard, Industry, Language, ServiceType
from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db


def by_name(matches):
    return {match.vendor.name: match for match in matches}


def criterion(match, name):
    return next(c for c in match.criteria if c.name == name)


def test_services_and_compliance_exclude_the_vendors_lacking_them():
    make_vendor("Full", services=["customer-support", "sales"], compliance_standards=["hipaa"], centers=[("PH", 10)])
    make_vendor("No Sales", services=["customer-support"], compliance_standards=["hipaa"], centers=[("PH", 10)])
    make_vendor("No HIPAA", services=["customer-support", "sales"], centers=[("PH", 10)])
    needs = Needs(
        services=list(ServiceType.objects.filter(slug__in=["customer-support", "sales"])),
        compliance=[ComplianceStandard.objects.get(slug="hipaa")],
    )

    matches = match_vendors(needs)

    assert [m.vendor.name for m in matches] == ["Full"]
    assert matches[0].score == 100  # no soft criterion asked
    assert [c.name for c in matches[0].criteria] == ["services", "compliance"]


def test_shore_model_is_judged_from_the_clients_country():
    make_vendor("Monterrey", centers=[("MX", 100)])
    make_vendor("Manila", centers=[("PH", 100)])

    matches = by_name(match_vendors(Needs(client_country="US", shore_models=["nearshore"])))

    assert criterion(matches["Monterrey"], "shore model").status == "met"
    assert criterion(matches["Manila"], "shore model").status == "unmet"
    assert (matches["Monterrey"].score, matches["Manila"].score) == (100, 0)


def test_channels_and_languages_partly_met_score_half():
    make_vendor("Voice Only", channels=["voice"], languages=["en"], centers=[("PH", 10)])
    needs = Needs(
        channels=list(Channel.objects.filter(slug__in=["voice", "chat"])),
        languages=list(Language.objects.filter(code__in=["en", "es"])),
    )

    match = match_vendors(needs)[0]

    assert criterion(match, "channels").status == "partial"
    assert "Chat" in criterion(match, "channels").reason
    assert criterion(match, "languages").status == "partial"
    assert match.score == 50  # (15 x 0.5 + 15 x 0.5) / 30


@pytest.mark.parametrize(
    ("total", "minimum", "status", "words"),
    [
        (600, None, "met", "600 seats for the 500 needed"),
        (300, None, "partial", "300 seats where 500 are needed"),
        (100, None, "unmet", "100 seats where 500 are needed"),
        (900, 800, "partial", "minimum engagement is 800 seats"),
    ],
)
def test_seats(total, minimum, status, words):
    make_vendor("Desk", centers=[("PH", total)], min_seats=minimum)

    result = criterion(match_vendors(Needs(seats=500))[0], "seats")

    assert result.status == status
    assert words in result.reason


@pytest.mark.parametrize(
    ("low", "high", "status"),
    [("10", "14", "met"), ("12", "20", "partial"), ("16", "20", "unmet"), (None, None, "partial")],
)
def test_budget(low, high, status):
    make_vendor(
        "Desk",
        centers=[("PH", 10)],
        hourly_rate_min=Decimal(low) if low else None,
        hourly_rate_max=Decimal(high) if high else None,
    )

    assert criterion(match_vendors(Needs(max_hourly_rate=Decimal("15")))[0], "budget").status == status


def test_call_center_type_and_industry():
    make_vendor("Blended", call_center_types=["blended"], industries=["healthcare"], centers=[("PH", 10)])

    match = match_vendors(Needs(call_center_type="inbound", industry=Industry.objects.get(slug="insurance")))[0]

    assert criterion(match, "call-center type").status == "partial"
    assert criterion(match, "industry").status == "unmet"
    assert match.score == 33  # (10 x 0.5) / 15


def test_24x7_cover():
    make_vendor("Always", hours="24x7", centers=[("PH", 10)])
    make_vendor("Extended", hours="extended", centers=[("PH", 10)])
    make_vendor("Office", hours="business", centers=[("PH", 10)])

    matches = by_name(match_vendors(Needs(hours="24x7")))

    assert [criterion(matches[n], "hours").status for n in ("Always", "Extended", "Office")] == [
        "met",
        "partial",
        "unmet",
    ]


def test_business_hours_are_checked_against_each_centers_local_time():
    new_york_day = Window(start=time(9), end=time(17), time_zone="America/New_York")
    make_vendor("Bogota Day", hours="business", centers=[("CO", 10)])  # builder time zone is UTC
    make_vendor("Manila Nights", hours="24x7", centers=[("PH", 10)])

    matches = by_name(match_vendors(Needs(hours=new_york_day)))

    # The builder's centers are in UTC: 09:00-17:00 New York is 14:00-22:00 there (or 13:00-21:00 in summer).
    assert criterion(matches["Bogota Day"], "hours").status == "unmet"
    assert "business hours only" in criterion(matches["Bogota Day"], "hours").reason
    assert criterion(matches["Manila Nights"], "hours").status == "met"
    assert "night shift" in criterion(matches["Manila Nights"], "hours").reason


def test_monthly_cost_estimate_is_seats_times_hours_times_the_rate_band():
    make_vendor("Desk", centers=[("PH", 50)], hourly_rate_min=Decimal("10"), hourly_rate_max=Decimal("12"))

    full_time = match_vendors(Needs(seats=10))[0].monthly_cost
    around_the_clock = match_vendors(Needs(seats=10, hours="24x7"))[0].monthly_cost

    assert full_time == ((10 * FULL_TIME_HOURS * 10).quantize(Decimal(1)), (12 * FULL_TIME_HOURS * 10).quantize(1))
    assert around_the_clock == (Decimal(73000), Decimal(87600))
    assert Decimal(730) == HOURS_24X7


def test_ranking_is_best_score_first_over_the_api():
    make_vendor("Perfect", channels=["voice", "chat"], centers=[("MX", 200)], hourly_rate_min=Decimal("12"))
    make_vendor("Half", channels=["voice"], centers=[("MX", 200)], hourly_rate_min=Decimal("12"))
    make_vendor("Poor", channels=["email"], centers=[("PH", 200)], hourly_rate_min=Decimal("30"))
    body = {
        "client_country": "us",
        "shore_models": ["nearshore"],
        "channels": ["voice", "chat"],
        "max_hourly_rate": "15",
        "seats": 100,
        "hours": {"start": "09:00", "end": "17:00", "time_zone": "America/New_York"},
    }

    response = APIClient().post("/api/v1/vendors/match/", body, format="json")
    bad = APIClient().post("/api/v1/vendors/match/", {"hours": {"start": "9am"}, "seats": "many"}, format="json")

    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["vendor"]["name"] for r in results] == ["Perfect", "Half", "Poor"]
    assert results[0]["score"] > results[1]["score"] > results[2]["score"]
    assert {c["name"] for c in results[0]["criteria"]} >= {"shore model", "channels", "budget", "seats", "hours"}
    assert results[0]["estimated_monthly_cost"]["currency"] == "USD"
    assert bad.status_code == 400 and {"hours", "seats"} <= set(bad.json())


def test_the_matcher_page_shows_the_ranking_and_the_reasons(client):
    make_vendor("Monterrey", centers=[("MX", 100)])

    page = client.get("/vendors/match/?client_country=US&shore_models=nearshore&seats=500")
    bad = client.get("/vendors/match/?seats=-1")

    html = page.content.decode()
    assert "Monterrey" in html and "100 seats where 500 are needed" in html
    assert bad.status_code == 200 and "seats" in bad.content.decode()


def test_similar_vendors_share_the_most_services_and_leave_the_vendor_itself_out(client):
    vendor = make_vendor("Base", services=["customer-support", "sales", "billing"], centers=[("PH", 10)])
    make_vendor("Two Shared", services=["customer-support", "sales"], centers=[("IN", 10)])
    make_vendor("One Shared", services=["billing"], centers=[("IN", 10)])
    make_vendor("Same Country", services=["payroll"], centers=[("PH", 10)])
    make_vendor("Unrelated", services=["payroll"], centers=[("IN", 10)])

    similar = list(client.get(vendor.get_absolute_url()).context["similar_vendors"])

    assert [v.name for v in similar] == ["Two Shared", "One Shared", "Same Country"]
