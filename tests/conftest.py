"""Fixtures shared by every test. Factories live beside the code (`<app>/factories.py`) because `seed_demo`
uses them too; the builders and readers made of them are in tests/helpers.py."""

import functools
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.groups import ensure_curators_group
from demo.factories.accounts import CuratorFactory, SuperuserFactory, UserFactory, VerifiedUserFactory
from demo.factories.directory import (
    BpoEmployerFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
    VendorMembershipFactory,
)
from demo.factories.jobs import PublishedJobPostingFactory
from tests.helpers import client_for, is_project_module


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def curator(db):
    return CuratorFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def clock():
    """Times before and after the call under test, to bracket what it records as "now" (`plus` an offset)."""

    class Clock:
        def __init__(self):
            self.before = timezone.now()

        def stop(self):
            self.after = timezone.now()

        def saw(self, moment, plus=timedelta(0)) -> bool:
            return moment is not None and self.before + plus <= moment <= self.after + plus

    return Clock()


# --- The API ----------------------------------------------------------------------------------------------------


@pytest.fixture
def open_api_rates(settings):
    """API throttle rates no test reaches; a throttling test lowers them itself."""
    settings.API_THROTTLE_RATES = dict.fromkeys(("anon", "user", "login", "login_account"), "1000000/minute")


@pytest.fixture
def api():
    """An anonymous API client."""
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


# --- The journeys ----------------------------------------------------------------------------------------------


@pytest.fixture
def hiring():
    """An in-house employer, its member and an open posting: (employer, member, posting)."""
    employer = EmployerFactory(name="Acme Care")
    member = VerifiedUserFactory(username="acme-hr", email="hr@acme.example")
    EmployerMembershipFactory(employer=employer, user=member)
    return employer, member, PublishedJobPostingFactory(employer=employer, title="Chat Support Agent")


# --- The database -----------------------------------------------------------------------------------------------


@functools.cache
def data_migration_code() -> tuple:
    """The forward code of the project's data migrations (RunPython), in the order `migrate` runs it."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = dict.fromkeys(key for leaf in graph.leaf_nodes() for key in graph.forwards_plan(leaf))
    migrations = [graph.nodes[key] for key in plan if is_project_module(type(graph.nodes[key]).__module__)]
    return tuple(op.code for migration in migrations for op in migration.operations if isinstance(op, RunPython))


def load_reference_data() -> None:
    """The rows data migrations load (vocabularies, exchange rates), by running their code again, and the Curators
    group. The migrations' own code, not the live modules: the tests then see what a migrated database holds.
    All of it is idempotent; it runs with today's models, which its rows still fit, and no schema editor."""
    for code in data_migration_code():
        code(apps, None)
    ensure_curators_group()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A transactional test empties the database after it, data migrations' rows included; pytest-django runs
    those tests last, but with --reuse-db the next session would start without them. Load them again."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """A transactional test starts on a database the previous one emptied: give it the reference rows. Marked
    so, or made so by a fixture (`live_server`, `transactional_db`): either way it runs after another that may
    have emptied the database."""
    marker = request.node.get_closest_marker("django_db")
    by_fixture = {"transactional_db", "live_server"} & set(request.fixturenames)
    if (marker and marker.kwargs.get("transaction")) or by_fixture:
        request.getfixturevalue("transactional_db")
        load_reference_data()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached facet counts and vocabularies belong to the test that made them."""
    from django.core.cache import cache

    from core.memo import forget_everything_here

    cache.clear()
    forget_everything_here()


# The browser tests (tests/browser/) start a server and Chromium: `make e2e` runs them (it sets E2E=1),
# `make test` does not.
if not os.environ.get("E2E"):
    collect_ignore = ["browser"]
