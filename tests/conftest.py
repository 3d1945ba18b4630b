"""Fixtures shared by every test. Factories live beside the code (`<app>/factories.py`) because
`seed_demo` uses them too; `tests/factories.py` gathers them for the tests."""

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
