"""GET /api/v1/vendors/facets/ and /api/v1/jobs/facets/: for every filter, the count per value under the current
selection, from the same code path as the pages. Every count is checked against the list it promises."""

import pytest
from rest_framework.test import APIClient

from tests.helpers import make_job, make_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    make_vendor(
        "Alpha", services=["customer-support", "technical-support"], channels=["voice", "chat"], centers=[("PH", 100)]
    )
    make_vendor(
        "Bravo", services=["customer-support"], channels=["chat"], centers=[("MX", 50), ("CO", 30)], hours="24x7"
    )
    make_vendor("Charlie", services=["data-entry"], channels=["email"], centers=[("IN", 200)], verified=True)
    make_job("Night Chat Agent", country="PH", shift="night", account_type="non_voice", skills=["zendesk"])
    make_job("Day Voice Agent", country="PH", shift="day", account_type="voice", skills=["active-listening"])
    make_job("Remote Tech Support", country="MX", work_arrangement="remote", skills=["zendesk", "active-listening"])


def options_to_try(facets: dict):
    for name, options in facets.items():
        for option in options:
            yield name, option


@pytest.mark.parametrize(
    ("path", "selection"),
    [
        ("/api/v1/vendors/", ""),
        ("/api/v1/vendors/", "service=customer-support"),
        ("/api/v1/vendors/", "country=PH&channel=chat"),
        ("/api/v1/jobs/", ""),
        ("/api/v1/jobs/", "country=PH"),
        ("/api/v1/jobs/", "skill=zendesk&shift=night"),
    ],
)
def test_every_facet_count_is_what_the_list_gives_when_that_value_is_chosen(catalog, path, selection):
    api = APIClient()
    facets = api.get(f"{path}facets/?{selection}")
    assert facets.status_code == 200, facets.content

    checked = 0
    for name, option in options_to_try(facets.json()):
        params = [part for part in selection.split("&") if part]
        single = {"category", "hours", "verified", "education", "employer_kind", "max_experience", "posted_within"}
        single |= {"currency"}
        if name in single:  # a single choice replaces the current one
            params = [part for part in params if not part.startswith(f"{name}=")]
        elif any(part.startswith(f"{name}=") for part in params) and _any_semantics(path, name):
            # For an "any" filter the count is what that value gives with the other filters alone.
            params = [part for part in params if not part.startswith(f"{name}=")]
        query = "&".join([*params, f"{name}={option['value']}"])
        listed = api.get(f"{path}?{query}").json()["count"]
        assert listed == option["count"], (name, option, query)
        checked += 1
    assert checked > 5


def _any_semantics(path, name) -> bool:
    if path.startswith("/api/v1/vendors/"):
        return name in {"shore_model", "call_center_type", "country", "industry"}
    return name != "skill"


def test_facets_take_the_same_parameters_and_errors_as_the_list(catalog):
    api = APIClient()

    assert api.get("/api/v1/jobs/facets/?shift=sometimes").status_code == 400
    assert "colour" in api.get("/api/v1/vendors/facets/?colour=red").json()
    body = api.get("/api/v1/vendors/facets/").json()
    assert {"service", "country", "channel", "hours", "verified"} <= set(body)
    assert {"value": "PH", "label": "Philippines", "count": 1} in body["country"]
