"""The summary service (core/summary_service.py): with `SUMMARY_SERVICE_SOCKET` set, the job list's facet counts,
a search's counts over its keys and the pay figures are answered by the process holding the summaries, over a real
Unix socket, and they are the figures the summaries give in the process itself. A service that is away, or a peer
without the key, never costs a visitor an error: the figures are counted in the database.

The service runs in a thread of the test process here (the same code `manage.py serve_summaries` runs), so it sees
the test database; its own threads answer in place, the test's thread asks over the socket."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings

from core import summary_service
from core.summary_service import SummaryService, answer, answered_by_summaries
from insights.summaries import pay_ledger
from jobs.filters import SummaryQuestion, cube_counts_keys
from jobs.models import JobPosting
from jobs.services.facets import job_facet_summary

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the service's threads read what the test wrote
    pytest.mark.usefixtures("board"),
]

LISTS = [
    "/jobs/",
    "/jobs/?country=PH&shift=night",
    "/jobs/?skill=zendesk&language=en",
    "/jobs/?q=support",  # a search: counted over its keys
    "/jobs/?q=chat&country=PH",
    "/api/v1/jobs/facets/?work_arrangement=remote",
    "/api/v1/jobs/facets/?q=support&skill=salesforce",
    "/api/v1/insights/pay/?country=PH",
    "/api/v1/insights/pay/?skill=salesforce",
]


@pytest.fixture
def socket_path():
    folder = tempfile.mkdtemp(prefix="bpo-ss-", dir="/tmp")  # a Unix socket's path is at most 107 bytes
    yield str(Path(folder) / "summaries.sock")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def service(socket_path):
    running = SummaryService(socket_path)
    running.open()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.stop()
    thread.join(5)
    summary_service._drop_connection()
    summary_service._away_until = 0.0


def forget_summaries():
    for kept in (job_facet_summary, pay_ledger):
        kept.forget()
    cache.clear()


def pages(client) -> dict[str, object]:
    """Each page of LISTS as a visitor reads it: the API's JSON, or the HTML less what differs per response
    (the CSP nonce, the CSRF token)."""
    answered = {}
    for url in LISTS:
        response = client.get(url)
        assert response.status_code == 200, url
        if "/facets/" in url:
            # Counted in the database, a value that the other filters leave at 0 is listed (at 0); the
            # summaries leave it out: the options that match something are the same.
            facets = response.json()
            answered[url] = {
                name: {o["value"]: o["count"] for o in options if o["count"]} for name, options in facets.items()
            }
        elif url.startswith("/api/"):
            answered[url] = response.json()
        else:
            answered[url] = re.sub(rb'(nonce|value|content)="[A-Za-z0-9+/=_-]{20,}"', b"", response.content)
    return answered


@override_settings(FACETS_SUMMARY_REFRESH="inline", PAGE_CACHE_SECONDS=0, FACETS_CACHE_SECONDS=60)
def test_the_service_answers_the_figures_the_summaries_give_here(client, service, settings):
    forget_summaries()
    here = pages(client)
    settings.SUMMARY_SERVICE_SOCKET = service.path
    forget_summaries()
    assert pages(client) == here
    # Every kind of question went over the socket: a list's counts, a search's over its keys, the pay figures.
    assert set(service.answered) == {
        "jobs.filters:cube_counts",
        "jobs.filters:cube_counts_keys",
        "jobs.filters:cube_counts_within",
        "insights.summaries:ledger_pay_insights",
    }


@override_settings(FACETS_SUMMARY_REFRESH="inline", PAGE_CACHE_SECONDS=0, FACETS_CACHE_SECONDS=60)
def test_the_figures_asked_over_the_socket_show_on_the_page(client, service, settings):
    settings.SUMMARY_SERVICE_SOCKET = service.path
    forget_summaries()
    facets = client.get("/api/v1/jobs/facets/?country=PH").json()
    assert service.answered["jobs.filters:cube_counts"] == 1
    in_ph = JobPosting.objects.published().filter(country="PH")
    assert in_ph.count() >= 2
    assert {o["value"]: o["count"] for o in facets["country"]}["PH"] == in_ph.count()
    night = {o["value"]: o["count"] for o in facets["shift"]}["night"]
    assert night == in_ph.filter(shift="night").count() > 0
    assert client.get("/api/v1/insights/pay/?country=PH").json()["total"] == in_ph.exclude(salary_min=None).count()
    assert service.answered["insights.summaries:ledger_pay_insights"] == 1


@override_settings(FACETS_SUMMARY_REFRESH="inline", PAGE_CACHE_SECONDS=0, FACETS_CACHE_SECONDS=60)
def test_with_the_service_away_the_figures_are_counted_in_the_database(client, socket_path, settings, caplog):
    forget_summaries()
    here = pages(client)
    settings.SUMMARY_SERVICE_SOCKET = socket_path  # nothing listens there
    try:
        forget_summaries()
        assert pages(client) == here
        assert "cannot be reached" in caplog.text
        # Found away, it is not asked again for a while: the workers count in the database meanwhile.
        assert summary_service._away_until > 0
    finally:
        summary_service._away_until = 0.0


def test_a_peer_without_the_key_is_refused(service):
    from multiprocessing import AuthenticationError
    from multiprocessing.connection import Client

    with pytest.raises((AuthenticationError, EOFError, ConnectionResetError, BrokenPipeError)):
        Client(service.path, family="AF_UNIX", authkey=b"not the key").send(("jobs.filters:cube_counts", (), {}))


def test_only_functions_marked_as_answered_by_the_summaries_are_run():
    refused = "is not answered by the summaries"
    assert answer("os:getcwd", (), {}) == ("error", f"os:getcwd {refused}")
    # In an answering module, but not marked:
    assert answer("jobs.filters:summary_conditions", (), {}) == ("error", f"jobs.filters:summary_conditions {refused}")
    status, why = answer("jobs.filters:cube_counts_keys", (), {})  # marked, but asked wrongly
    assert status == "error" and "TypeError" in why


@answered_by_summaries
def slow_answer(seconds: float) -> str:
    time.sleep(seconds)
    return "late"


@answered_by_summaries
def unpicklable_answer():
    return lambda: None


ANSWERING_HERE = (*django_settings.SUMMARY_SERVICE_MODULES, __name__)


@override_settings(SUMMARY_SERVICE_MODULES=ANSWERING_HERE, SUMMARY_SERVICE_TIMEOUT=0.2)
def test_a_service_too_slow_is_left_alone_for_a_while(service, settings, caplog):
    settings.SUMMARY_SERVICE_SOCKET = service.path
    assert slow_answer(0) == "late"  # asked over the socket, in time
    assert slow_answer(1.0) is None  # too late: the caller counts in the database
    assert "did not answer" in caplog.text
    asked = service.answered.total()
    assert slow_answer(0) is None  # not asked again at once
    time.sleep(1.0)
    assert service.answered.total() == asked + 1  # the late one finished; the one after it was never sent


@override_settings(SUMMARY_SERVICE_MODULES=ANSWERING_HERE)
def test_an_answer_that_cannot_be_sent_is_an_error_and_the_service_goes_on(service, settings):
    settings.SUMMARY_SERVICE_SOCKET = service.path
    assert unpicklable_answer() is None
    assert slow_answer(0) == "late"  # the same connection, still answering
    assert summary_service._away_until == 0.0


def test_a_service_refuses_to_start_over_a_live_one_or_a_file(service, socket_path, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="already listens"):
        SummaryService(service.path).open()
    not_a_socket = tmp_path / "settings.py"
    not_a_socket.write_text("keep me")
    with pytest.raises(ImproperlyConfigured, match="not a socket"):
        SummaryService(str(not_a_socket)).open()
    assert not_a_socket.read_text() == "keep me"


def test_the_socket_is_its_owners_only(service):
    assert Path(service.path).stat().st_mode & 0o777 == 0o600


def test_the_command_serves_until_it_is_told_to_stop(socket_path, settings):
    """`manage.py serve_summaries` as a deployment runs it: it answers over its socket (here with no summary
    counted, as the test settings keep them off: the answer is that none can count), and on SIGTERM it stops and
    takes its socket with it."""
    command = [sys.executable, "manage.py", "serve_summaries", "--socket", socket_path]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.test"}
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE)  # noqa: S603
    try:
        assert process.stdout.readline().decode().startswith("Serving the summaries on")
        settings.SUMMARY_SERVICE_SOCKET = socket_path
        question = SummaryQuestion(chosen={"country": ["PH"]}, every=frozenset(), columns={"country": "country"})
        assert cube_counts_keys(question) is False  # answered by the service: no summary to count from
        assert summary_service._away_until == 0.0  # it was reached
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert not Path(socket_path).exists()
    finally:
        process.kill()
        summary_service._drop_connection()


def test_the_command_needs_a_socket(settings):
    settings.SUMMARY_SERVICE_SOCKET = ""
    with pytest.raises(CommandError, match="SUMMARY_SERVICE_SOCKET"):
        call_command("serve_summaries")
