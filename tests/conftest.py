"""Fixtures shared by every test. Factories live beside the code (`<app>/factories.py`) because
`seed_demo` uses them too; `tests/factories.py` gathers them for the tests."""

import functools
import os

import pytest

from tests.factories import CuratorFactory, SuperuserFactory, UserFactory
from tests.helpers import is_project_module


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


@functools.cache
def data_migration_code() -> tuple:
    """The forward code of the project's data migrations (RunPython), in the order `migrate` runs it."""
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = dict.fromkeys(key for leaf in graph.leaf_nodes() for key in graph.forwards_plan(leaf))
    migrations = [graph.nodes[key] for key in plan if is_project_module(type(graph.nodes[key]).__module__)]
    return tuple(op.code for migration in migrations for op in migration.operations if isinstance(op, RunPython))


def load_reference_data() -> None:
    """The rows data migrations load (vocabularies, exchange rates), by running their code again, and the Curators
    group. The migrations' own code, not the live modules: the tests then see what a migrated database holds.
    All of it is idempotent; it runs with today's models, which its rows still fit, and no schema editor."""
    from django.apps import apps

    from accounts.groups import ensure_curators_group

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
