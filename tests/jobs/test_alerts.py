"""Saved-search alerts: saving a search, what a digest selects (new, matching, published, never twice), the real
database task queue and its worker, retries that do not hold up the other digests, and unsubscribing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from demo.factories.accounts import SeekerFactory
from jobs.models import AlertDelivery, JobPosting, SavedSearch
from jobs.services.alerts import alert_digest_send, unsubscribe_token
from tests.helpers import make_job

pytestmark = pytest.mark.django_db


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=open("/dev/null", "w"))  # noqa: SIM115


def saved(user, query="shift=night", frequency="daily", days_ago=2):
    search = SavedSearch.objects.create(user=user, query=query, frequency=frequency)
    SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    search.refresh_from_db()
    return search


def test_saving_the_current_search_from_the_list(client):
    seeker = SeekerFactory()
    client.force_login(seeker)

    client.post("/me/alerts/", {"query": "shift=night&page=3&country=ph", "frequency": "weekly"})
    client.post("/me/alerts/", {"query": "country=PH&shift=night", "frequency": "daily"})  # the same search
    refused = client.post("/me/alerts/", {"query": "shift=sometimes", "frequency": "daily"}, follow=True)

    search = SavedSearch.objects.get(user=seeker)
    assert (search.query, search.frequency) == ("country=PH&shift=night", "daily")
    assert "shift" in refused.content.decode() and SavedSearch.objects.count() == 1
    assert "country=PH&amp;shift=night" in client.get("/me/alerts/").content.decode()


def test_a_digest_lists_new_matching_published_postings_and_never_the_same_twice():
    seeker = SeekerFactory(email="maria@example.com")
    search = saved(seeker)
    make_job("Old Night Agent", shift="night", days_ago=5)  # before the search was saved
    make_job("New Night Agent", shift="night", days_ago=1)
    make_job("New Day Agent", shift="day", days_ago=1)
    closed = make_job("Closed Night Agent", shift="night", days_ago=1)
    JobPosting.objects.filter(pk=closed.pk).update(status="closed")

    assert alert_digest_send(saved_search=search) == 1
    body = mail.outbox[-1].body
    assert "New Night Agent" in body
    assert "Old Night Agent" not in body and "Day Agent" not in body and "Closed" not in body
    assert mail.outbox[-1].extra_headers["List-Unsubscribe"].startswith("<http")

    search.refresh_from_db()
    SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=search.last_sent_at - timedelta(days=3))
    search.refresh_from_db()
    assert alert_digest_send(saved_search=search) == 0  # nothing new: no email, and never the same posting
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(saved_search=search).count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks
def test_the_command_queues_due_digests_and_the_worker_sends_them():
    due = saved(SeekerFactory(email="due@example.com"), days_ago=2)
    not_due = saved(SeekerFactory(email="recent@example.com"), frequency="weekly", days_ago=10)
    SavedSearch.objects.filter(pk=not_due.pk).update(last_sent_at=timezone.now() - timedelta(days=2))
    make_job("Night Agent", shift="night", days_ago=1)

    call_command("send_job_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    queued = DBTaskResult.objects.count()
    run_worker()

    assert queued == 1
    assert [message.to for message in mail.outbox] == [["due@example.com"]]
    due.refresh_from_db()
    assert due.last_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_retried_later_and_does_not_stop_the_others():
    broken = saved(SeekerFactory(email="ok@example.com"))
    # An address the mail library refuses: this digest fails to send.
    broken.user.email = "broken\n@example.com"
    broken.user.save()
    fine = saved(SeekerFactory(email="fine@example.com"), query="shift=night&country=PH")
    make_job("Night Agent", shift="night", country="PH", days_ago=1)

    call_command("send_job_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_worker()

    assert [message.to for message in mail.outbox] == [["fine@example.com"]]
    assert not AlertDelivery.objects.filter(saved_search=broken).exists()  # recorded only once sent
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["args"] == [broken.pk, 2]
    assert retry.run_after > timezone.now()
    fine.refresh_from_db()
    assert fine.deliveries.count() == 1


def test_unsubscribing_needs_no_login_and_one_press(client):
    search = saved(SeekerFactory())
    path = f"/alerts/unsubscribe/{unsubscribe_token(search)}/"

    shown = client.get(path)
    assert SavedSearch.objects.filter(pk=search.pk).exists()  # opening the link changes nothing
    done = client.post(path)  # as a mail client's one-click does, without a CSRF token
    forged = client.post("/alerts/unsubscribe/forged-token/")

    assert shown.status_code == 200 and done.status_code == 200
    assert not SavedSearch.objects.filter(pk=search.pk).exists()
    assert forged.status_code == 400
