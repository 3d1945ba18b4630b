"""A vendor is its centers: members say each center's hours, rates and languages, and the vendor's figures
follow from them."""

from decimal import Decimal

import pytest

from demo.factories.accounts import VerifiedUserFactory
from demo.factories.directory import VendorMembershipFactory
from directory.services.vendors import vendor_update
from tests.helpers import client_for, make_vendor

pytestmark = pytest.mark.django_db

CENTERS = [
    {
        "city": "Bogotá",
        "country": "CO",
        "time_zone": "America/Bogota",
        "seats": 180,
        "hours": "24x7",
        "hourly_rate_min": Decimal("14"),
        "hourly_rate_max": Decimal("18"),
        "languages": ["en", "es"],
    },
    {
        "city": "Kraków",
        "country": "PL",
        "time_zone": "Europe/Warsaw",
        "seats": 120,
        "hours": "business",
        "hourly_rate_min": Decimal("20"),
        "hourly_rate_max": Decimal("28"),
        "languages": ["en", "de"],
    },
]


def test_the_vendors_hours_rates_and_languages_come_from_its_centers():
    vendor = make_vendor("Two Hubs")
    vendor_update(vendor=vendor, actor=None, fields={}, centers=CENTERS)

    vendor.refresh_from_db()
    assert vendor.hours == "24x7"
    assert (vendor.hourly_rate_min, vendor.hourly_rate_max) == (Decimal("14"), Decimal("28"))
    assert set(vendor.languages.values_list("code", flat=True)) == {"en", "es", "de"}
    bogota = vendor.centers.get(city="Bogotá")
    assert set(bogota.languages.values_list("code", flat=True)) == {"en", "es"}


def test_members_set_a_centers_languages_over_the_api_and_an_unknown_one_is_a_400():
    vendor = make_vendor("Draft Hubs", status="draft")
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    body = {"centers": [{**CENTERS[0], "hourly_rate_min": "14.00", "hourly_rate_max": "18.00"}]}

    saved = client_for(member).patch(f"/api/v1/vendors/{vendor.slug}/", body, format="json")
    refused = client_for(member).patch(
        f"/api/v1/vendors/{vendor.slug}/", {"centers": [{**body["centers"][0], "languages": ["xx"]}]}, format="json"
    )

    assert saved.status_code == 200, saved.content
    center = saved.json()["centers"][0]
    assert (center["hours"], center["languages"]) == ("24x7", ["en", "es"])
    assert refused.status_code == 400
    assert "centers" in refused.json()
