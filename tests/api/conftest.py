"""Fixtures of the REST API tests: clients (anonymous, and a user of no organization with a real token), and
organizations with a member each. The builders are in tests/api/builders.py."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.api.builders import client_for
from tests.factories import (
    BpoEmployerFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
    VendorMembershipFactory,
    VerifiedUserFactory,
)


@pytest.fixture(autouse=True)
def api_isolation(settings):
    """Generous rates unless a test lowers them, and no throttle history carried from one test to the next."""
    settings.API_THROTTLE_RATES = {
        "anon": "10000/minute",
        "user": "10000/minute",
        "login": "10000/minute",
        "login_account": "10000/minute",
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """An anonymous client."""
    return APIClient()


@pytest.fixture
def user_api(db):
    """A client with the token of a user (email confirmed) who belongs to no organization."""
    return client_for(VerifiedUserFactory())


@pytest.fixture
def in_house():
    """An in-house employer and one member of it: (employer, user)."""
    membership = EmployerMembershipFactory(employer=EmployerFactory(name="Acme Care", slug="acme-care"))
    return membership.employer, membership.user


@pytest.fixture
def other_in_house():
    """Another in-house employer and its member: (employer, user)."""
    membership = EmployerMembershipFactory(employer=EmployerFactory(name="Globex Help", slug="globex-help"))
    return membership.employer, membership.user


@pytest.fixture
def bpo():
    """A published BPO vendor, its employer record, and a member of the vendor: (vendor, employer, user)."""
    vendor = PublishedVendorFactory(name="Harbor Contact", slug="harbor-contact")
    employer = BpoEmployerFactory(vendor=vendor, slug="harbor-contact-jobs")
    return vendor, employer, VendorMembershipFactory(vendor=vendor).user


@pytest.fixture
def other_bpo():
    """Another BPO vendor with its employer record and member: (vendor, employer, user)."""
    vendor = PublishedVendorFactory(name="Summit Outsourcing", slug="summit-outsourcing")
    employer = BpoEmployerFactory(vendor=vendor, slug="summit-outsourcing-jobs")
    return vendor, employer, VendorMembershipFactory(vendor=vendor).user
