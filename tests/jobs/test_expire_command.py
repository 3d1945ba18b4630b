"""Expiry of job postings: what the public lists hide, and the `expire_job_postings` command."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
)
from jobs.models import JobPosting

pytestmark = pytest.mark.django_db

Status = JobPosting.Status


def published_posting(expires_in: timedelta) -> JobPosting:
    """A published posting whose expiry date is `expires_in` from now (negative: already past)."""
    now = timezone.now()
    return PublishedJobPostingFactory(skills=[], published_at=now - timedelta(days=70), expires_at=now + expires_in)


def expire() -> str:
    stdout = io.StringIO()
    call_command("expire_job_postings", stdout=stdout)
    return stdout.getvalue()


def statuses() -> dict[int, tuple]:
    rows = JobPosting.objects.values_list("pk", "status", "status_changed_at")
    return {pk: (status, changed_at) for pk, status, changed_at in rows}


@pytest.fixture
def board():
    """One posting of each kind the command must tell apart, all but two with an expiry date already past."""
    past = timezone.now() - timedelta(days=1)
    return {
        "due": published_posting(-timedelta(hours=1)),
        "long_due": published_posting(-timedelta(days=30)),
        "running": published_posting(timedelta(hours=1)),
        "draft": JobPostingFactory(skills=[], expires_at=past),
        "pending": PendingJobPostingFactory(skills=[], expires_at=past),
        "closed": ClosedJobPostingFactory(skills=[], published_at=past - timedelta(days=60), expires_at=past),
        "expired": ExpiredJobPostingFactory(skills=[]),
    }


# The public list and the due list


def test_the_public_list_hides_a_posting_past_its_date_before_the_command_runs():
    running = published_posting(timedelta(days=1))
    past_due = published_posting(-timedelta(minutes=1))

    assert list(JobPosting.objects.published()) == [running]
    assert JobPosting.objects.get(pk=past_due.pk).status == Status.PUBLISHED


def test_the_due_list_holds_only_published_postings_past_their_date(board):
    assert set(JobPosting.objects.due_to_expire()) == {board["due"], board["long_due"]}


def test_at_its_expiry_instant_a_posting_leaves_the_public_list_and_joins_the_due_list():
    posting = published_posting(timedelta(days=3))
    just_before = posting.expires_at - timedelta(microseconds=1)

    assert list(JobPosting.objects.published(now=just_before)) == [posting]
    assert not JobPosting.objects.due_to_expire(now=just_before).exists()
    assert not JobPosting.objects.published(now=posting.expires_at).exists()
    assert list(JobPosting.objects.due_to_expire(now=posting.expires_at)) == [posting]


@pytest.mark.parametrize(
    "factory", [JobPostingFactory, PendingJobPostingFactory, ClosedJobPostingFactory, ExpiredJobPostingFactory]
)
def test_the_public_list_shows_no_posting_that_is_not_published(factory):
    factory(skills=[], expires_at=timezone.now() + timedelta(days=10))

    assert not JobPosting.objects.published().exists()


# The command


def test_the_command_expires_exactly_the_published_postings_past_their_date(board):
    before = statuses()
    started = timezone.now()

    output = expire()

    after = statuses()
    expired = {pk for pk in after if after[pk] != before[pk]}
    assert expired == {board["due"].pk, board["long_due"].pk}
    for key in ("due", "long_due"):
        posting = JobPosting.objects.get(pk=board[key].pk)
        assert posting.status == Status.EXPIRED
        assert posting.status_changed_at >= started
        assert posting.status_changed_by is None
    assert output == "Expired 2 job postings.\n"
    assert list(JobPosting.objects.published()) == [board["running"]]


def test_the_command_reports_a_single_posting_in_the_singular():
    published_posting(-timedelta(minutes=5))

    assert expire() == "Expired 1 job posting.\n"


def test_running_the_command_again_changes_nothing(board):
    expire()
    after_first_run = statuses()

    output = expire()

    assert output == "Expired 0 job postings.\n"
    assert statuses() == after_first_run


def test_the_command_with_nothing_due_changes_nothing():
    running = published_posting(timedelta(days=20))
    before = statuses()

    assert expire() == "Expired 0 job postings.\n"

    assert statuses() == before
    assert list(JobPosting.objects.published()) == [running]
