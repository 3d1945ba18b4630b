"""The read-replica router, with two real database aliases: `default` (the primary) and `replica`, a separate
database, so a row written to only one of them shows which one answered."""

import sys

import pytest
from django.db import DEFAULT_DB_ALIAS, router, transaction

from core.replicas import REPLICA_DB_ALIAS, STICKY_COOKIE, replica_reads
from demo.factories.accounts import VerifiedUserFactory
from jobs.models import Skill
from tests.helpers import run

pytestmark = pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS], transaction=True)

SKILLS_URL = "/api/v1/skills/"


@pytest.fixture
def replicated(settings):
    settings.DATABASE_ROUTERS = ["core.replicas.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = ["core.replicas.ReplicaReadsMiddleware", *settings.MIDDLEWARE]
    # The replica lags: it holds a skill the primary has not got.
    Skill.objects.using(REPLICA_DB_ALIAS).create(slug="replica-only", name="Replica-only skill")


def skill_slugs(client) -> set[str]:
    response = client.get(SKILLS_URL)
    assert response.status_code == 200
    return {skill["slug"] for skill in response.json()}


def test_an_anonymous_read_is_answered_by_the_replica(replicated, client):
    assert "replica-only" in skill_slugs(client)
    assert not Skill.objects.using(DEFAULT_DB_ALIAS).filter(slug="replica-only").exists()


def test_a_write_reads_from_the_primary_and_keeps_its_client_there(replicated, client):
    # The account exists on the primary only: the login succeeds because a POST reads from the primary.
    VerifiedUserFactory(username="writer", password="a long enough password")
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "writer", "password": "a long enough password"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.cookies[STICKY_COOKIE]["max-age"] == 15

    # The writer now reads its own changes from the primary; somebody else still reads from the replica.
    assert "replica-only" not in skill_slugs(client)
    assert "replica-only" in skill_slugs(client.__class__())


def test_reads_inside_a_transaction_come_from_the_primary(replicated):
    with replica_reads():
        assert Skill.objects.filter(slug="replica-only").exists()
        with transaction.atomic():
            assert not Skill.objects.filter(slug="replica-only").exists()
    # Outside a request (commands, tasks) reads use the primary.
    assert not Skill.objects.filter(slug="replica-only").exists()


def test_only_the_primary_is_written_and_migrated(replicated):
    with replica_reads():
        skill = Skill.objects.get(slug="replica-only")  # read from the replica
        skill.name = "Renamed"
        skill.save()  # written to the primary
    assert Skill.objects.using(DEFAULT_DB_ALIAS).get(slug="replica-only").name == "Renamed"
    assert Skill.objects.using(REPLICA_DB_ALIAS).get(slug="replica-only").name == "Replica-only skill"
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "jobs")
    assert not router.allow_migrate(REPLICA_DB_ALIAS, "jobs")


@pytest.mark.django_db(databases=[])
def test_the_replica_is_configured_from_the_environment():
    script = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['replica']['HOST'], s.DATABASES['replica']['NAME'], s.DATABASE_ROUTERS[0],"
        " s.MIDDLEWARE[0])"
    )
    result = run(
        [sys.executable, "-c", script],
        DJANGO_SETTINGS_MODULE="bpo_portal.settings.local",
        DATABASE_URL="postgres://app@primary.internal:5432/bpo",
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/bpo",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "replica.internal",
        "bpo",
        "core.replicas.PrimaryReplicaRouter",
        "core.replicas.ReplicaReadsMiddleware",
    ]

    without = run([sys.executable, "-c", script], DJANGO_SETTINGS_MODULE="bpo_portal.settings.local")
    assert "KeyError: 'replica'" in without.stderr
