"""The cost table (insights/costs.py): the cost figures it gives for any client country are the database's for the
same vendors (centers with their own rates, centers on their vendor's, vendors with no rate), and no
vendor the public must not see is in them."""

import random
from dataclasses import astuple
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings

from demo.factories.directory import (
    DeliveryCenterFactory,
    PendingVendorFactory,
    PublishedVendorFactory,
    RejectedVendorFactory,
)
from directory.models import Vendor
from insights.selectors import cost_insights
from insights.summaries import cost_for, cost_table

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vendors")]

COUNTRIES = ("PH", "IN", "MX", "CO", "US", "GB", "PL", "ZA", "EG")


@pytest.fixture
def vendors():
    """Sixty published vendors with one to four centers each, in the hubs; a center's band is its own or its
    vendor's; some vendors give no rate; and hidden vendors priced far above the rest."""
    rng = random.Random(18)  # noqa: S311 - test data
    for index in range(60):
        low = Decimal(rng.randint(8, 40))
        rates = (low, low + rng.choice([0, 2, 5])) if index % 11 else (None, None)
        vendor = PublishedVendorFactory(hourly_rate_min=rates[0], hourly_rate_max=rates[1])
        for _ in range(rng.randint(1, 4)):
            own = rng.random() < 0.4
            center_low = Decimal(rng.randint(6, 45)) if own else None
            DeliveryCenterFactory(
                vendor=vendor,
                country=rng.choice(COUNTRIES),
                city="City",
                time_zone="UTC",
                seats=rng.randint(20, 900),
                hourly_rate_min=center_low,
                hourly_rate_max=center_low + 3 if own and rng.random() < 0.5 else None,
            )
    for factory in (PendingVendorFactory, RejectedVendorFactory):
        hidden = factory(hourly_rate_min=Decimal(900), hourly_rate_max=Decimal(990))
        DeliveryCenterFactory(vendor=hidden, country="PH", city="City", time_zone="UTC", seats=99999)
    cache.clear()
    cost_table.forget()
    yield
    cost_table.forget()


def same_figures(got, expected):
    assert [(f.value, f.count) for f in got] == [(f.value, f.count) for f in expected]
    for mine, theirs in zip(got, expected, strict=True):
        if theirs.quartiles is None:
            assert mine.quartiles is None
        else:
            assert astuple(mine.quartiles) == pytest.approx(astuple(theirs.quartiles), rel=1e-12)


@override_settings(FACETS_SUMMARY_REFRESH="inline")
@pytest.mark.parametrize("client_country", ["US", "GB", "DE", "PH", "AU", "ZA"])
def test_the_table_gives_the_databases_cost_figures(client_country):
    got = cost_for(client_country)
    expected = cost_insights(Vendor.objects.published(), client_country)
    same_figures(got.by_country, expected.by_country)
    same_figures(got.by_shore_model, expected.by_shore_model)
    assert got.seats == expected.seats
    assert got.shore_of_country == expected.shore_of_country
    assert sum(figure.count for figure in got.by_shore_model) >= 40  # real figures, not empty ones
    assert got.seats["PH"] < 99999  # the hidden vendors' center is not counted
    assert max(figure.quartiles.p75 for figure in got.by_country if figure.quartiles) < 100


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_new_vendor_is_in_the_figures_once_the_table_is_counted_again(client):
    def egypt():
        rows = client.get("/api/v1/insights/cost/?client_country=US").json()["hourly_rate_usd_by_country"]
        return next((row["count"] for row in rows if row["value"] == "EG"), 0)

    before = egypt()
    vendor = PublishedVendorFactory(hourly_rate_min=Decimal(9), hourly_rate_max=Decimal(11))
    DeliveryCenterFactory(vendor=vendor, country="EG", city="Cairo", time_zone="Africa/Cairo", seats=300)
    cache.clear()  # the figures' own cache aside: the table is minutes old, read as it is
    assert egypt() == before
    cost_table.refresh()
    cache.clear()
    assert egypt() == before + 1


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_cost_page_reads_the_table_without_counting(client, django_assert_max_num_queries):
    cost_for("US")
    cache.clear()
    with django_assert_max_num_queries(4):
        response = client.get("/insights/cost/?client_country=GB")
    assert response.status_code == 200
    assert "Onshore" in response.content.decode()
