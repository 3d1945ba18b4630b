"""Shore model relative to the client: with `client_country`, the `shore_model` filter and its counts come from
where each vendor's delivery centers are (directory/shore.py), not from the vendor's own labels."""

import pytest
from rest_framework.test import APIClient

from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendors():
    make_vendor("Manila Care", centers=[("PH", 500)], shore_models=["offshore"])
    make_vendor("Monterrey Desk", centers=[("MX", 200)], shore_models=["offshore"])  # its own label is wrong for US
    make_vendor("Austin Calls", centers=[("US", 100)], shore_models=["onshore"])
    make_vendor("Warsaw Hub", centers=[("PL", 300), ("PH", 100)], shore_models=["nearshore"])


def names(response):
    return sorted(vendor["name"] for vendor in response.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("client_country=US&shore_model=nearshore", ["Monterrey Desk"]),
        ("client_country=US&shore_model=offshore", ["Manila Care", "Warsaw Hub"]),
        ("client_country=us&shore_model=onshore", ["Austin Calls"]),
        ("client_country=DE&shore_model=nearshore", ["Warsaw Hub"]),
        ("client_country=DE&shore_model=offshore", ["Austin Calls", "Manila Care", "Monterrey Desk", "Warsaw Hub"]),
        ("client_country=US&shore_model=onshore&shore_model=nearshore", ["Austin Calls", "Monterrey Desk"]),
        ("shore_model=offshore", ["Manila Care", "Monterrey Desk"]),  # no client: the vendors' own labels
    ],
)
def test_shore_model_is_computed_from_the_centers_for_the_clients_country(vendors, query, expected):
    assert names(APIClient().get(f"/api/v1/vendors/?{query}")) == expected


def test_shore_model_counts_follow_the_client_country(vendors):
    us = {
        o["value"]: o["count"]
        for o in APIClient().get("/api/v1/vendors/facets/?client_country=US").json()["shore_model"]
    }
    de = {
        o["value"]: o["count"]
        for o in APIClient().get("/api/v1/vendors/facets/?client_country=DE").json()["shore_model"]
    }

    assert us == {"onshore": 1, "nearshore": 1, "offshore": 2}
    assert de == {"onshore": 0, "nearshore": 1, "offshore": 4}


def test_the_list_page_takes_the_client_country_too(client, vendors):
    page = client.get("/vendors/?client_country=US&shore_model=nearshore")

    assert [vendor.name for vendor in page.context["vendors"]] == ["Monterrey Desk"]
    assert APIClient().get("/api/v1/vendors/?client_country=XX").status_code == 400
