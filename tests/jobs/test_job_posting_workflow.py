"""The job posting workflow: which statuses allow each transition, and what it records."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE
from django.utils import timezone

from demo.factories.jobs import ExpiredJobPostingFactory, PendingJobPostingFactory, PublishedJobPostingFactory
from jobs.models import JobPosting, JobPostingReviewQueue
from jobs.services import postings as services
from tests.helpers import (
    assert_invalid_transition,
    assert_refused,
    assert_transition,
    history,
    other_statuses,
    posting_in,
    snapshot,
)

pytestmark = pytest.mark.django_db

Status = JobPosting.Status
LIFETIME = timedelta(days=60)
ONCE_PUBLISHED = {Status.PUBLISHED, Status.CLOSED, Status.EXPIRED}


def make_due_posting(status: str) -> JobPosting:
    """A posting in `status` whose expiry date passed ten days ago."""
    now = timezone.now()
    dates = {"expires_at": now - timedelta(days=10)}
    if status in ONCE_PUBLISHED:
        dates["published_at"] = now - timedelta(days=70)
    return posting_in(status, **dates)


# Submit


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED])
def test_submitting_puts_the_posting_in_the_review_queue(status, user, clock):
    posting = posting_in(status)

    services.job_posting_submit(job_posting=posting, actor=user)
    clock.stop()

    assert_transition(posting, Status.PENDING, by=user, message="Submitted for review", clock=clock)
    assert list(JobPosting.objects.pending_review()) == [posting]


@pytest.mark.parametrize("status", other_statuses(Status, Status.DRAFT, Status.REJECTED))
def test_submitting_a_posting_that_is_not_a_draft_or_rejected_is_refused(status, user):
    error = assert_invalid_transition(services.job_posting_submit, posting_in(status), actor=user)

    assert error.messages == [f"Cannot submit {error.obj.title}: it is {Status(status).label.lower()}."]


def test_a_submission_by_the_system_is_recorded_on_the_posting_only():
    posting = posting_in(Status.DRAFT)

    services.job_posting_submit(job_posting=posting, actor=None)

    assert_transition(posting, Status.PENDING, by=None)


# Approve


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING])
def test_approving_publishes_the_posting_for_sixty_days(status, curator, clock):
    posting = posting_in(status)

    services.job_posting_approve(job_posting=posting, actor=curator)
    clock.stop()

    posting.refresh_from_db()
    message = f"Approved and published until {posting.expires_at:%Y-%m-%d}"
    assert_transition(posting, Status.PUBLISHED, by=curator, message=message, clock=clock)
    assert posting.published_at == posting.status_changed_at
    assert posting.expires_at == posting.published_at + LIFETIME
    assert list(JobPosting.objects.published()) == [posting]


@pytest.mark.parametrize("status", other_statuses(Status, Status.DRAFT, Status.PENDING))
def test_approving_a_published_rejected_closed_or_expired_posting_is_refused(status, curator):
    error = assert_invalid_transition(services.job_posting_approve, posting_in(status), actor=curator)

    assert f"it is {Status(status).label.lower()}" in error.messages[0]


def test_approving_keeps_an_expiry_date_the_employer_set_in_the_future(curator):
    expires_at = timezone.now() + timedelta(days=90)
    posting = PendingJobPostingFactory(skills=[], expires_at=expires_at)

    services.job_posting_approve(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert posting.expires_at == expires_at
    assert history(posting) == [(curator.pk, CHANGE, f"Approved and published until {expires_at:%Y-%m-%d}")]


def test_approving_replaces_an_expiry_date_already_in_the_past(curator):
    posting = PendingJobPostingFactory(skills=[], expires_at=timezone.now() - timedelta(days=1))

    services.job_posting_approve(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.expires_at == posting.published_at + LIFETIME
    assert JobPosting.objects.published().filter(pk=posting.pk).exists()


def test_approving_uses_the_configured_default_lifetime(curator, settings):
    settings.JOB_POSTING_DEFAULT_LIFETIME_DAYS = 30
    posting = PendingJobPostingFactory(skills=[])

    services.job_posting_approve(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.expires_at == posting.published_at + timedelta(days=30)


def test_approving_clears_the_reason_of_an_earlier_rejection(curator):
    posting = PendingJobPostingFactory(skills=[], rejection_reason="Add the salary currency.")

    services.job_posting_approve(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.rejection_reason == ""


def test_approving_from_the_review_queue_shows_in_the_postings_history(curator):
    posting = PendingJobPostingFactory(skills=[])

    services.job_posting_approve(job_posting=JobPostingReviewQueue.objects.get(pk=posting.pk), actor=curator)

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert history(posting) == [(curator.pk, CHANGE, f"Approved and published until {posting.expires_at:%Y-%m-%d}")]


# Reject


def test_rejecting_records_the_reason_for_the_employer(curator, clock):
    posting = PendingJobPostingFactory(skills=[])

    services.job_posting_reject(job_posting=posting, actor=curator, reason="\n The salary is below minimum wage. ")
    clock.stop()

    assert_transition(
        posting, Status.REJECTED, by=curator, message="Rejected: The salary is below minimum wage.", clock=clock
    )
    assert posting.rejection_reason == "The salary is below minimum wage."
    assert posting.published_at is None
    assert not JobPosting.objects.pending_review().exists()


@pytest.mark.parametrize("status", other_statuses(Status, Status.PENDING))
def test_rejecting_a_posting_that_is_not_pending_is_refused(status, curator):
    assert_invalid_transition(
        services.job_posting_reject, posting_in(status), actor=curator, reason="Duplicate posting."
    )


@pytest.mark.parametrize("reason", ["", " \t\n "], ids=["empty", "whitespace"])
def test_rejecting_without_a_reason_is_refused(reason, curator):
    posting = PendingJobPostingFactory(skills=[])

    assert_refused(services.job_posting_reject, posting, field="reason", actor=curator, reason=reason)


# Close


@pytest.mark.parametrize(
    ("status", "closed_as", "recorded"),
    [
        # Never approved: withdrawn, never public (issue 16); tests/jobs/test_closed_posting_moderation.py.
        (Status.PENDING, Status.WITHDRAWN, "Withdrawn before approval"),
        (Status.PUBLISHED, Status.CLOSED, "Closed"),
    ],
)
def test_closing_stops_the_posting_taking_applications(status, closed_as, recorded, user, clock):
    posting = posting_in(status)
    expires_at = posting.expires_at

    services.job_posting_close(job_posting=posting, actor=user)
    clock.stop()

    assert_transition(posting, closed_as, by=user, message=recorded, clock=clock)
    assert posting.expires_at == expires_at
    assert not JobPosting.objects.published().exists()
    assert not JobPosting.objects.pending_review().exists()


@pytest.mark.parametrize("status", other_statuses(Status, Status.PENDING, Status.PUBLISHED))
def test_closing_a_draft_rejected_closed_withdrawn_or_expired_posting_is_refused(status, user):
    assert_invalid_transition(services.job_posting_close, posting_in(status), actor=user)


# Expire one


def test_expiring_a_published_posting_past_its_date(clock):
    posting = make_due_posting(Status.PUBLISHED)

    services.job_posting_expire(job_posting=posting)
    clock.stop()

    assert_transition(posting, Status.EXPIRED, by=None, clock=clock)


def test_a_curator_expiring_a_posting_is_recorded_in_its_history(curator):
    posting = make_due_posting(Status.PUBLISHED)

    services.job_posting_expire(job_posting=posting, actor=curator)

    assert_transition(posting, Status.EXPIRED, by=curator, message="Expired")


@pytest.mark.parametrize("status", other_statuses(Status, Status.PUBLISHED))
def test_expiring_a_posting_that_is_not_published_is_refused(status, curator):
    assert_invalid_transition(services.job_posting_expire, make_due_posting(status), actor=curator)


def test_expiring_a_posting_that_still_runs_is_refused(curator):
    posting = PublishedJobPostingFactory(skills=[])
    assert posting.expires_at > timezone.now()

    assert_refused(services.job_posting_expire, posting, field="expires_at", actor=curator)

    assert JobPosting.objects.published().filter(pk=posting.pk).exists()


# Expire all that are due


def test_expiring_due_postings_expires_published_ones_past_their_date():
    postings = [make_due_posting(Status.PUBLISHED) for _ in range(3)]
    now = timezone.now()

    assert services.job_postings_expire_due(now=now) == 3

    for posting in postings:
        posting.refresh_from_db()
        assert posting.status == Status.EXPIRED
        assert posting.status_changed_at == now
        assert posting.status_changed_by is None
    assert not JobPosting.objects.due_to_expire(now).exists()


@pytest.mark.parametrize("status", other_statuses(Status, Status.PUBLISHED))
def test_expiring_due_postings_leaves_postings_that_are_not_published(status):
    posting = make_due_posting(status)
    before = snapshot(posting)

    assert services.job_postings_expire_due() == 0

    assert snapshot(posting) == before


def test_expiring_due_postings_leaves_those_that_still_run():
    running = PublishedJobPostingFactory(skills=[])
    before = snapshot(running)

    assert services.job_postings_expire_due() == 0

    assert snapshot(running) == before


def test_a_posting_expires_at_the_exact_instant_of_its_expiry_date():
    posting = make_due_posting(Status.PUBLISHED)

    assert services.job_postings_expire_due(now=posting.expires_at - timedelta(microseconds=1)) == 0
    assert services.job_postings_expire_due(now=posting.expires_at) == 1

    posting.refresh_from_db()
    assert posting.status == Status.EXPIRED


# Extend


def test_extending_a_running_posting_adds_sixty_days_to_its_expiry_date(curator):
    posting = PublishedJobPostingFactory(skills=[])
    old_expiry, status_changed_at = posting.expires_at, posting.status_changed_at

    services.job_posting_extend(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert posting.expires_at == old_expiry + LIFETIME
    assert posting.status_changed_at == status_changed_at
    assert history(posting) == [(curator.pk, CHANGE, f"Extended until {posting.expires_at:%Y-%m-%d}")]


def test_extending_a_published_posting_already_past_its_date_counts_from_now(curator, clock):
    posting = make_due_posting(Status.PUBLISHED)

    services.job_posting_extend(job_posting=posting, actor=curator, days=7)
    clock.stop()

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert clock.saw(posting.expires_at, plus=timedelta(days=7))
    assert JobPosting.objects.published().filter(pk=posting.pk).exists()


def test_extending_an_expired_posting_publishes_it_again(curator, clock):
    posting = ExpiredJobPostingFactory(skills=[])
    published_at = posting.published_at

    services.job_posting_extend(job_posting=posting, actor=curator)
    clock.stop()

    posting.refresh_from_db()
    assert_transition(
        posting, Status.PUBLISHED, by=curator, message=f"Extended until {posting.expires_at:%Y-%m-%d}", clock=clock
    )
    assert clock.saw(posting.expires_at, plus=LIFETIME)
    assert posting.published_at == published_at
    assert list(JobPosting.objects.published()) == [posting]


@pytest.mark.parametrize("days", [1, 365])
def test_extending_by_the_smallest_and_largest_allowed_number_of_days(days, curator):
    posting = PublishedJobPostingFactory(skills=[])
    old_expiry = posting.expires_at

    services.job_posting_extend(job_posting=posting, actor=curator, days=days)

    posting.refresh_from_db()
    assert posting.expires_at == old_expiry + timedelta(days=days)


@pytest.mark.parametrize("days", [0, -5, 366])
def test_extending_by_a_number_of_days_outside_one_to_365_is_refused(days, curator):
    posting = PublishedJobPostingFactory(skills=[])

    assert_refused(services.job_posting_extend, posting, field="days", actor=curator, days=days)


@pytest.mark.parametrize("status", other_statuses(Status, Status.PUBLISHED, Status.EXPIRED))
def test_extending_a_posting_that_is_not_published_or_expired_is_refused(status, curator):
    posting = posting_in(status, expires_at=timezone.now() + timedelta(days=5))

    assert_invalid_transition(services.job_posting_extend, posting, actor=curator)


# A whole life


def test_a_rejected_posting_can_be_resubmitted_approved_expired_and_extended(user, curator):
    posting = PendingJobPostingFactory(skills=[])

    services.job_posting_reject(job_posting=posting, actor=curator, reason="Name the client industry.")
    services.job_posting_submit(job_posting=posting, actor=user)
    services.job_posting_approve(job_posting=posting, actor=curator)
    posting.refresh_from_db()
    assert services.job_postings_expire_due(now=posting.expires_at) == 1
    services.job_posting_extend(job_posting=posting, actor=curator, days=14)

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert posting.rejection_reason == ""
    assert [message.split(" until ")[0] for _, _, message in history(posting)] == [
        "Rejected: Name the client industry.",
        "Submitted for review",
        "Approved and published",
        "Extended",
    ]
