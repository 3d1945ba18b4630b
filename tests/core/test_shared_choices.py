"""The countries a filter, a form or a serializer offers are one shared object (core.fields.COUNTRY_CHOICES): every
request deep-copies its filter set, its form and its serializers, and copying 249 countries twice a country filter
was a millisecond of each list page. What a visitor or an integrator sees of them is unchanged."""

import copy

import pytest
from django.http import QueryDict

from core.fields import COUNTRY_CHOICES
from directory.brief import MatchRequestSerializer
from directory.filters import VendorFilter
from directory.models import Vendor
from jobs.filters import JobFilter
from jobs.models import JobPosting


def test_a_filter_sets_copies_share_the_countries_and_still_check_them():
    jobs = JobFilter(QueryDict("country=ph&country=ZZ"), JobPosting.objects.none())
    assert jobs.filters["country"].extra["choices"] is COUNTRY_CHOICES
    assert copy.deepcopy(jobs.filters)["country"].extra["choices"] is COUNTRY_CHOICES
    assert ("PH", "Philippines") in list(jobs.form.fields["country"].choices)
    assert not jobs.form.is_valid()
    assert "country" in jobs.form.errors  # ZZ is no country

    vendors = VendorFilter(QueryDict("country=PH&client_country=us"), Vendor.objects.none())
    assert vendors.filters["client_country"].extra["choices"] is COUNTRY_CHOICES
    assert vendors.form.is_valid(), vendors.form.errors
    assert vendors.form.cleaned_data["country"] == ["PH"]


def test_the_shared_countries_are_every_country_by_name():
    assert len(COUNTRY_CHOICES) == 249
    assert dict(COUNTRY_CHOICES)["PH"] == "Philippines"
    assert copy.deepcopy(COUNTRY_CHOICES) is COUNTRY_CHOICES


@pytest.mark.parametrize("code, valid", [("PH", True), ("ph", True), ("XX", False)])
def test_a_brief_checks_its_countries_against_the_shared_list(code, valid):
    brief = MatchRequestSerializer(data={"delivery_countries": [code]})
    assert brief.is_valid() is valid, brief.errors
    if not valid:
        assert "delivery_countries" in brief.errors
