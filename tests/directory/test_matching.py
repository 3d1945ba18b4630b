"""The vendor matcher: fit judged center by center, must-haves the buyer marks, honest answers when nothing fits,
the cost an advisor would quote; over the API and the page."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from directory.brief import MatchRequestSerializer
from directory.matching import Window, match_vendors, score
from directory.models import VendorCertification, VendorMatchRow
from directory.services.certifications import certification_uncheck
from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db


def brief(**data):
    serializer = MatchRequestSerializer(data=data)
    assert serializer.is_valid(), serializer.errors
    return serializer.needs()


def by_name(result):
    return {match.vendor.name: match for match in result.matches}


def criterion(match, name):
    return next(c for c in match.criteria if c.name == name)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_a_vendor_is_nearshore_with_spanish_only_where_one_center_is_both():
    """The healthtech brief's trap: a Jamaican center made an Indian vendor "nearshore", and its languages were
    judged on the vendor as a whole."""
    make_vendor(
        "India Jamaica",
        centers=[
            {"country": "IN", "city": "Pune", "seats": 900, "languages": ["en", "hi"], "hours": "24x7"},
            {"country": "JM", "city": "Kingston", "seats": 120, "languages": ["en"], "hours": "24x7"},
        ],
        languages=["en", "hi", "es"],
    )
    make_vendor(
        "Costa Rica Poland",
        centers=[
            {"country": "CR", "city": "Heredia", "seats": 300, "languages": ["en", "es"], "hours": "24x7"},
            {"country": "PL", "city": "Kraków", "seats": 200, "languages": ["en", "de", "pl"]},
        ],
    )
    needs = brief(
        client_country="US",
        shore_models=["nearshore"],
        languages=["en", "es"],
        hours="24x7",
        must_haves=["shore_models", "languages", "hours"],
    )

    result = match_vendors(needs)

    assert result.full_match
    assert [m.vendor.name for m in result.matches] == ["Costa Rica Poland"]
    assert result.matches[0].center.city == "Heredia"
    assert "Heredia" in criterion(result.matches[0], "languages").reason


def test_when_nothing_meets_every_must_have_the_answer_says_so_and_shows_what_each_lacks():
    make_vendor("Kingston Voice", centers=[{"country": "JM", "city": "Kingston", "languages": ["en"]}])
    make_vendor("Manila Bilingual", centers=[{"country": "PH", "city": "Manila", "languages": ["en", "es"]}])
    needs = brief(
        client_country="US",
        shore_models=["nearshore"],
        languages=["en", "es"],
        must_haves=["shore_models", "languages"],
    )

    result = match_vendors(needs)

    assert not result.full_match
    matches = by_name(result)
    assert matches["Kingston Voice"].lacks == ["languages"]
    assert matches["Manila Bilingual"].lacks == ["shore_models"]
    assert all(match.score is None for match in result.matches)  # no score beside a failed must-have
    assert (
        criterion(matches["Kingston Voice"], "languages").reason
        == "Kingston center (Jamaica) works in English; not Spanish."
    )


def test_criteria_not_marked_only_weigh_in_the_score():
    make_vendor("Bilingual", centers=[{"country": "MX", "languages": ["en", "es"]}])
    make_vendor("English Only", centers=[{"country": "MX", "languages": ["en"]}])

    result = match_vendors(brief(languages=["en", "es"], must_haves=[]))

    assert result.full_match
    assert [(m.vendor.name, m.score) for m in result.matches] == [("Bilingual", 100), ("English Only", 50)]


def test_services_are_always_must_haves():
    make_vendor("Sales Too", services=["customer-support", "sales"], centers=[("PH", 10)])
    make_vendor("Support Only", services=["customer-support"], centers=[("PH", 10)])

    result = match_vendors(brief(services=["customer-support", "sales"]))

    assert [m.vendor.name for m in result.matches] == ["Sales Too"]


def test_compliance_counts_checked_certifications_that_have_not_expired_and_regulations_worked_under():
    current = make_vendor("Current", compliance_standards=["pci-dss", "gdpr"], centers=[("PL", 50)])
    lapsed = make_vendor("Lapsed", compliance_standards=["pci-dss", "gdpr"], centers=[("PL", 50)])
    # Time passes: the certificate's date is behind us, though nothing has rebuilt the index since.
    yesterday = timezone.localdate() - timedelta(days=1)
    VendorCertification.objects.filter(vendor=lapsed).update(valid_until=yesterday)
    VendorMatchRow.objects.filter(vendor=lapsed).update(compliance_until=yesterday)
    unchecked = make_vendor("Unchecked", compliance_standards=["pci-dss", "gdpr"], centers=[("PL", 50)])
    certification_uncheck(certification=unchecked.certifications.get(), actor=None)

    result = match_vendors(brief(compliance=["pci-dss", "gdpr"]))  # compliance: a must-have by default

    assert [m.vendor.name for m in result.matches] == ["Current"]
    until = current.certifications.get().valid_until
    assert (
        criterion(result.matches[0], "compliance").reason == f"PCI DSS certified until {until:%Y-%m}; works under GDPR."
    )
    partial = match_vendors(brief(compliance=["pci-dss", "gdpr"], must_haves=[]))
    reason = criterion(by_name(partial)["Lapsed"], "compliance").reason
    assert reason == "Works under GDPR; lacks PCI DSS (no valid certification)."
    assert "holds" not in reason.lower()


def test_the_hours_say_what_the_window_is_where_the_center_is():
    """The UK retailer's brief: 08:00 to 20:00 London is an afternoon-to-night shift in Manila; extended hours
    (07:00 to 23:00 local) do not cover it, 24/7 does, and Kraków's business day covers most of it."""
    make_vendor("Manila Extended", centers=[{"country": "PH", "city": "Manila", "hours": "extended"}])
    make_vendor("Manila 24x7", centers=[{"country": "PH", "city": "Manila", "hours": "24x7"}])
    make_vendor("Krakow Business", centers=[{"country": "PL", "city": "Kraków", "hours": "business"}])
    window = {"start": "08:00", "end": "20:00", "time_zone": "Europe/London"}

    matches = by_name(match_vendors(brief(hours=window, must_haves=[])))

    always = criterion(matches["Manila 24x7"], "hours")
    assert always.status == "met"
    assert "in Manila, its day, evening and night shifts" in always.reason
    assert criterion(matches["Manila Extended"], "hours").status == "partial"  # 16:00 to 23:00 of 16:00 to 04:00
    krakow = criterion(matches["Krakow Business"], "hours")
    assert krakow.status == "partial"
    assert "in Kraków, its day and evening shifts" in krakow.reason
    assert "night" not in krakow.reason


def test_a_window_fully_inside_a_centers_business_day_is_met():
    make_vendor("Bogota", centers=[{"country": "CO", "city": "Bogotá", "hours": "business"}])
    window = {"start": "09:00", "end": "17:00", "time_zone": "America/New_York"}

    match = match_vendors(brief(hours=window, must_haves=["hours"])).matches[0]

    assert criterion(match, "hours").status == "met"
    assert "its day shift" in criterion(match, "hours").reason


def test_the_cost_is_agents_times_productive_hours_times_the_centers_rates():
    make_vendor("Heredia", centers=[{"country": "CR", "city": "Heredia", "rates": (Decimal(14), Decimal(18))}])

    cost = match_vendors(brief(agents=60, hours="24x7", must_haves=[])).matches[0].cost

    assert (cost.low, cost.high) == (Decimal(60 * 160 * 14), Decimal(60 * 160 * 18))
    assert cost.on_duty == 14  # 60 agents x 160 hours spread over 730 hours of cover
    assert "60 agents x 160 productive hours" in cost.assumptions


def test_seats_are_one_centers_unless_the_buyer_allows_a_split():
    make_vendor(
        "Two Small",
        min_seats=None,
        centers=[{"country": "PH", "city": "Manila", "seats": 10}, {"country": "PH", "city": "Cebu", "seats": 10}],
    )

    single = match_vendors(brief(agents=15, must_haves=["agents"]))
    split = match_vendors(brief(agents=15, must_haves=["agents"], allow_split=True))

    assert not single.full_match
    assert split.full_match
    assert {c.city for c in split.matches[0].centers} == {"Manila", "Cebu"}
    assert criterion(split.matches[0], "seats").reason.startswith("2 centers together: 20 seats, enough")


def test_delivery_country_is_judged_per_center():
    make_vendor(
        "Krakow And Manila",
        centers=[{"country": "PL", "city": "Kraków", "seats": 500}, {"country": "PH", "city": "Manila", "seats": 100}],
    )

    match = match_vendors(brief(delivery_countries=["ph"], must_haves=["delivery_countries"])).matches[0]

    assert match.full_match and match.center.city == "Manila"


def test_a_window_is_placed_on_a_weekday_in_the_clients_time_zone():
    window = Window(time(9), time(17), "America/New_York")
    client_start, _ = window.local("America/New_York")
    manila_start, manila_end = window.local("Asia/Manila")
    assert client_start.weekday() < 5
    assert (manila_start.hour, manila_end.hour) in ((22, 6), (21, 5))  # New York's day is Manila's night


def test_the_ranking_runs_the_same_queries_for_many_vendors_as_for_few(settings):
    settings.MATCHER_CACHE_SECONDS = 0  # every answer worked out afresh
    for n in range(3):
        make_vendor(f"Vendor {n}", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    needs = brief(
        languages=["en"], channels=["voice"], hours={"start": "09:00", "end": "17:00", "time_zone": "America/New_York"}
    )
    match_vendors(needs)  # the center time zones are cached after the first brief
    with CaptureQueriesContext(connection) as few:
        match_vendors(needs)
    for n in range(3, 12):
        make_vendor(f"Vendor {n}", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    with CaptureQueriesContext(connection) as many:
        match_vendors(needs)
    assert len(many) == len(few) <= 12


def test_the_api_answers_with_the_center_the_cost_and_whether_anything_fully_matches():
    make_vendor(
        "Heredia",
        centers=[{"country": "CR", "city": "Heredia", "languages": ["en", "es"], "rates": (Decimal(14), Decimal(18))}],
    )
    body = {"client_country": "US", "languages": ["en", "es"], "agents": 20, "must_haves": ["languages"]}

    response = APIClient().post(reverse("api:vendor-match"), body, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["full_match"] is True
    first = data["results"][0]
    assert first["center"]["city"] == "Heredia"
    assert first["cost"]["min"] == 20 * 160 * 14
    assert first["estimated_monthly_cost"] == {"min": 20 * 160 * 14, "max": 20 * 160 * 18, "currency": "USD"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"seats": 10, "agents": 10}, "seats"),
        ({"must_haves": ["languages"]}, "must_haves"),
        ({"languages": ["en"] * 21}, "languages"),
        ({"delivery_countries": ["XX"]}, "delivery_countries"),
    ],
)
def test_a_brief_the_matcher_cannot_read_is_a_400_naming_the_field(body, field):
    response = APIClient().post(reverse("api:vendor-match"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_the_old_seats_field_still_means_agents():
    make_vendor("Small", centers=[{"country": "PH", "seats": 5}])
    response = APIClient().post(reverse("api:vendor-match"), {"seats": 40, "must_haves": ["agents"]}, format="json")
    assert response.json()["full_match"] is False


def test_each_client_has_a_budget_of_briefs(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "match": "2/minute"}
    client = APIClient()
    statuses = [client.post(reverse("api:vendor-match"), {}, format="json").status_code for _ in range(3)]
    page = client.get(reverse("directory:match"), {"brief": "1", "agents": "5"})
    assert statuses == [200, 200, 429]
    assert page.status_code == 429


def test_the_page_says_plainly_when_nothing_meets_every_must_have(client):
    make_vendor("Kingston Voice", centers=[{"country": "JM", "city": "Kingston", "languages": ["en"]}])

    page = client.get(
        reverse("directory:match"), {"brief": "1", "languages": ["en", "es"], "must_haves": ["languages"]}
    )

    html = page.content.decode()
    assert "No vendor meets every must-have" in html
    assert "Lacks:</strong> languages" in html
    assert "/100" not in html


def test_the_score_the_query_computes_is_the_documented_weighing():
    make_vendor(
        "Half",
        channels=["voice"],
        centers=[{"country": "MX", "languages": ["en"], "rates": (Decimal(15), Decimal(25))}],
    )
    make_vendor(
        "Most",
        channels=["voice", "chat"],
        centers=[{"country": "MX", "languages": ["en", "es"], "rates": (Decimal(12), Decimal(18))}],
    )
    needs = brief(
        channels=["voice", "chat"],
        languages=["en", "es"],
        max_hourly_rate="20",
        client_country="US",
        shore_models=["nearshore"],
        must_haves=["shore_models"],
    )

    result = match_vendors(needs)

    assert [m.vendor.name for m in result.matches] == ["Most", "Half"]
    for match in result.matches:
        assert match.score == score(match.criteria)
    assert result.matches[1].score == round(100 * (15 * 0.5 + 15 * 0.5 + 15 * 0.5) / 45)


def test_the_same_brief_is_answered_from_the_cache_until_a_vendor_changes():
    make_vendor("Cebu Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    needs = brief(languages=["en"], channels=["voice"])
    first = match_vendors(needs)
    with CaptureQueriesContext(connection) as again:
        second = match_vendors(brief(languages=["en"], channels=["voice"]))
    assert [m.vendor.name for m in second.matches] == [m.vendor.name for m in first.matches] == ["Cebu Voice"]
    assert len(again) == 2  # reading the brief's languages and channels; no ranking, no vendor read

    make_vendor("Davao Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    assert {m.vendor.name for m in match_vendors(needs).matches} == {"Cebu Voice", "Davao Voice"}


def test_the_api_answers_a_brief_asked_again_from_its_cached_json_until_a_vendor_changes(monkeypatch):
    """The API's answer is kept serialized: a brief asked again reads no row, and no vendor is rebuilt from the
    cached answer and serialized again (40 ms of a warm answer at 50,000 vendors). Its links carry the address it
    was asked at, so another address has an answer of its own."""
    from directory.api import views

    serialized = []
    to_representation = views.MatchResponseSerializer.to_representation
    monkeypatch.setattr(
        views.MatchResponseSerializer,
        "to_representation",
        lambda self, data: serialized.append(1) or to_representation(self, data),
    )
    make_vendor("Cebu Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    api, body = APIClient(), {"languages": ["en"], "channels": ["voice"]}
    first = api.post("/api/v1/vendors/match/", body, format="json").json()
    with CaptureQueriesContext(connection) as again:
        second = api.post("/api/v1/vendors/match/", body, format="json").json()
    assert second == first
    assert [result["vendor"]["name"] for result in second["results"]] == ["Cebu Voice"]
    assert len(serialized) == 1  # the first answer only
    assert not [query["sql"] for query in again if "directory_vendor" in query["sql"]]  # no ranking, no vendor read

    elsewhere = api.post("/api/v1/vendors/match/", body, format="json", HTTP_HOST="localhost").json()
    assert elsewhere["results"][0]["vendor"]["url"].startswith("http://localhost/vendors/")
    assert first["results"][0]["vendor"]["url"].startswith("http://testserver/vendors/")

    make_vendor("Davao Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    after = api.post("/api/v1/vendors/match/", body, format="json").json()
    assert {result["vendor"]["name"] for result in after["results"]} == {"Cebu Voice", "Davao Voice"}


def test_a_different_brief_is_not_answered_from_anothers_cache():
    make_vendor("Cebu Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    make_vendor("Lima Chat", centers=[{"country": "PE", "languages": ["es"]}], channels=["chat"])
    assert match_vendors(brief(languages=["en"])).matches[0].vendor.name == "Cebu Voice"
    assert match_vendors(brief(languages=["es"])).matches[0].vendor.name == "Lima Chat"


def test_an_answer_cached_by_code_whose_classes_differ_is_not_read_back(monkeypatch):
    """After a deploy that changes a vendor's fields or the answer's classes, an answer the old code cached is
    not unpickled into the new classes: the key carries their shape."""
    from directory import matching

    make_vendor("Cebu Voice", centers=[{"country": "PH", "languages": ["en"]}], channels=["voice"])
    needs = brief(languages=["en"])
    match_vendors(needs)
    monkeypatch.setattr(matching, "_answer_shape", lambda: "the next release")
    with CaptureQueriesContext(connection) as after_deploy:
        assert match_vendors(needs).matches[0].vendor.name == "Cebu Voice"
    assert any("directory_vendormatchrow" in query["sql"] for query in after_deploy)  # worked out afresh
