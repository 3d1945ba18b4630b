"""Fixtures shared by every test. Factories live beside the code (`<app>/factories.py`) because
`seed_demo` uses them too; `tests/factories.py` gathers them for the tests."""

import os

import pytest

from tests.factories import CuratorFactory, SuperuserFactory, UserFactory


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


def load_reference_data() -> None:
    """The rows data migrations load: vocabularies, exchange rates, the Curators group (all idempotent)."""
    from django.apps import apps

    from accounts.groups import ensure_curators_group
    from directory.taxonomy import sync_directory_taxonomy, sync_service_descriptions
    from insights.rates import SHIPPED_RATES, exchange_rates_load, parse_rate_file
    from jobs.taxonomy import sync_jobs_taxonomy

    sync_directory_taxonomy(apps)
    sync_service_descriptions(apps)
    sync_jobs_taxonomy(apps)
    exchange_rates_load(table=parse_rate_file(SHIPPED_RATES.read_text()))
    ensure_curators_group()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A transactional test empties the database after it, data migrations' rows included; pytest-django runs
    those tests last, but with --reuse-db the next session would start without them. Load them again."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """A transactional test starts on a database the previous one emptied: give it the reference rows."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        load_reference_data()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached facet counts and vocabularies belong to the test that made them."""
    from django.core.cache import cache

    cache.clear()


# The browser tests (tests/browser/) start a server and Chromium: `make e2e` runs them (it sets E2E=1),
# `make test` does not.
if not os.environ.get("E2E"):
    collect_ignore = ["browser"]
