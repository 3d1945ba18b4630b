"""Schemathesis against the project's own OpenAPI document, in process through the WSGI application, as each
role: the examples, coverage and fuzzing phases for every operation, and the stateful phase, with every check
on (what schemathesis.toml tunes, it tunes with the reason beside it). A short run, bounded by max_examples;
`make fuzz` runs the long one against a served site."""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from tests.helpers import ROLES, cast, make_job

CONFIG_FILE = Path(__file__).resolve().parents[2] / "schemathesis.toml"
# The coverage phase (every boundary of every parameter: thousands of requests) and the stateful phase run in
# `make fuzz`; here, the examples and fuzzing phases keep `make test` short.
CONFIG = SchemathesisConfig.from_str(
    CONFIG_FILE.read_text() + "\n[phases.coverage]\nenabled = false\n", base_dir=str(CONFIG_FILE.parent)
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=CONFIG)
# Few examples per operation and role: the whole run stays within a minute or so per database.
SHORT = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# No throttling: the fuzzer sends many requests a second, and a 429 would hide what it is looking for.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_api_rates")]


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Schemathesis calls the WSGI application directly, so Django's request signals fire and would close the
    test's own connection (and with it the test transaction) on PostgreSQL; the test client disconnects them the
    same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLES)
def headers(request):
    """The Authorization header of the role (none for anonymous), with postings to find and change."""
    people = cast()
    make_job("Published voice agent", employer=people.employer)
    user = people.users[request.param]
    if user is None:
        return {}
    return {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


@schema.parametrize()
@SHORT
def test_every_operation_as_every_role(case, headers):
    case.call_and_validate(headers=headers)
