"""Two people doing the same thing at the same moment, on PostgreSQL with real threads (each its own database
connection): two curators deciding one posting, one seeker's two identical applications, one inquiry submitted
twice. One wins, the other gets a clear answer, and the data stays consistent. SQLite runs one writer at a
time, so there is no race to test there."""

import threading
import uuid

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection, connections

from core.workflow import InvalidTransition
from demo.factories.accounts import CuratorFactory, SeekerFactory
from demo.factories.directory import PublishedVendorFactory
from demo.factories.jobs import PendingJobPostingFactory
from directory.models import Inquiry
from jobs.models import Application, JobPosting
from jobs.services.postings import job_posting_approve, job_posting_reject
from tests.helpers import client_for, make_job, pdf

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and races need PostgreSQL"),
]


def at_once(*actions):
    """Run the actions in threads released together; returns each one's result or the exception it raised."""
    start = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            start.wait(timeout=10)
            results[index] = action()
        except Exception as error:  # the loser's exception is the answer under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("repeat", range(3))
def test_two_curators_approving_and_rejecting_one_posting_one_decides(repeat):
    posting = make_job("Voice agent", factory=PendingJobPostingFactory)
    approver, rejecter = CuratorFactory(), CuratorFactory()

    results = at_once(
        lambda: job_posting_approve(job_posting=posting, actor=approver),
        lambda: job_posting_reject(job_posting=posting, actor=rejecter, reason="Duplicate of another posting"),
    )

    winners = [r for r in results if isinstance(r, JobPosting)]
    losers = [r for r in results if isinstance(r, InvalidTransition)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].messages  # what the second curator reads: the posting is no longer under review
    posting.refresh_from_db()
    assert posting.status == winners[0].status
    assert (posting.status == "published") == (posting.rejection_reason == "")
    assert LogEntry.objects.filter(object_id=str(posting.pk)).count() == 1


def test_two_identical_applications_at_once_make_one_and_the_other_is_told(open_api_rates, tmp_path):
    posting = make_job("Chat agent")
    seeker = SeekerFactory()

    def apply():
        return client_for(seeker).post(
            f"/api/v1/jobs/{posting.slug}/apply/", {"resume": pdf(), "cover_note": "Hi"}, format="multipart"
        )

    responses = at_once(apply, apply)

    assert sorted(r.status_code for r in responses) == [201, 409], responses
    application = Application.objects.get()
    conflict = next(r for r in responses if r.status_code == 409).json()
    assert conflict["application"] == application.pk
    assert "applied" in conflict["detail"].lower()
    assert application.resume.storage.exists(application.resume.name)


def test_a_double_submitted_inquiry_is_stored_once_and_both_answers_name_it(open_api_rates):
    vendor = PublishedVendorFactory()
    body = {
        "name": "Ana",
        "email": "ana@example.com",
        "seats": 12,
        "message": "Chat support from March.",
        "submission_key": str(uuid.uuid4()),
    }

    sender = SeekerFactory(username="buyer")
    client = client_for(sender)
    responses = at_once(*[lambda: client.post(f"/api/v1/vendors/{vendor.slug}/inquiries/", body, format="json")] * 2)

    assert sorted(r.status_code for r in responses) == [200, 201], [(r.status_code, r.content) for r in responses]
    assert Inquiry.objects.count() == 1
    assert {r.json()["id"] for r in responses} == {Inquiry.objects.get().pk}
