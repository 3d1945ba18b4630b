"""The job posting workflow: which statuses allow each transition, and what it records."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.workflow import InvalidTransition
from jobs.models import JobPosting, JobPostingReviewQueue
from jobs.services import postings as services
from tests.factories import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
    WithdrawnJobPostingFactory,
)

pytestmark = pytest.mark.django_db

Status = JobPosting.Status
LIFETIME = timedelta(days=60)

FACTORIES = {
    Status.DRAFT: JobPostingFactory,
    Status.PENDING: PendingJobPostingFactory,
    Status.PUBLISHED: PublishedJobPostingFactory,
    Status.REJECTED: RejectedJobPostingFactory,
    Status.CLOSED: ClosedJobPostingFactory,
    Status.WITHDRAWN: WithdrawnJobPostingFactory,
    Status.EXPIRED: ExpiredJobPostingFactory,
}
ONCE_PUBLISHED = {Status.PUBLISHED, Status.CLOSED, Status.EXPIRED}


def other_statuses(*allowed: str) -> list[str]:
    return [status for status in Status.values if status not in allowed]


def make_posting(status: str, **kwargs) -> JobPosting:
    posting = FACTORIES[status](skills=[], **kwargs)
    assert posting.status == status
    return posting


def make_due_posting(status: str) -> JobPosting:
    """A posting in `status` whose expiry date passed ten days ago."""
    now = timezone.now()
    dates = {"expires_at": now - timedelta(days=10)}
    if status in ONCE_PUBLISHED:
        dates["published_at"] = now - timedelta(days=70)
    return make_posting(status, **dates)


def history(posting: JobPosting) -> list[tuple]:
    """The posting's admin "History" page: (user id, action flag, message) per entry, oldest first."""
    return list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(JobPosting), object_id=str(posting.pk))
        .order_by("action_time", "pk")
        .values_list("user_id", "action_flag", "change_message")
    )


def row(posting: JobPosting) -> dict:
    return JobPosting.objects.filter(pk=posting.pk).values().get()


def assert_refused(service, posting: JobPosting, **kwargs) -> InvalidTransition:
    """The service refuses the posting, and neither the row nor its history changes."""
    status, before = posting.status, row(posting)
    with pytest.raises(InvalidTransition) as excinfo:
        service(job_posting=posting, **kwargs)
    posting.refresh_from_db()
    assert posting.status == status
    assert row(posting) == before
    assert history(posting) == []
    assert excinfo.value.code == "invalid_transition"
    return excinfo.value


@pytest.fixture
def clock():
    """Times before and after the call under test, to bracket what it records as "now"."""

    class Clock:
        def __init__(self):
            self.before = timezone.now()

        def stop(self):
            self.after = timezone.now()

        def saw(self, moment, plus=timedelta(0)) -> bool:
            return moment is not None and self.before + plus <= moment <= self.after + plus

    return Clock()


# Submit


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED])
def test_submitting_puts_the_posting_in_the_review_queue(status, user, clock):
    posting = make_posting(status)

    services.job_posting_submit(job_posting=posting, actor=user)
    clock.stop()

    posting.refresh_from_db()
    assert posting.status == Status.PENDING
    assert clock.saw(posting.status_changed_at)
    assert posting.status_changed_by == user
    assert list(JobPosting.objects.pending_review()) == [posting]
    assert history(posting) == [(user.pk, CHANGE, "Submitted for review")]


@pytest.mark.parametrize("status", other_statuses(Status.DRAFT, Status.REJECTED))
def test_submitting_a_posting_that_is_not_a_draft_or_rejected_is_refused(status, user):
    error = assert_refused(services.job_posting_submit, make_posting(status), actor=user)

    assert error.messages == [f"Cannot submit {error.obj.title}: it is {Status(status).label.lower()}."]


def test_a_submission_by_the_system_is_recorded_on_the_posting_only():
    posting = make_posting(Status.DRAFT)

    services.job_posting_submit(job_posting=posting, actor=None)

    posting.refresh_from_db()
    assert posting.status == Status.PENDING
    assert posting.status_changed_by is None
    assert history(posting) == []


# Approve


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING])
def test_approving_publishes_the_posting_for_sixty_days(status, curator, clock):
    posting = make_posting(status)

    services.job_posting_approve(job_posting=posting, actor=curator)
    clock.stop()

    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED
    assert clock.saw(posting.published_at)
    assert posting.expires_at == posting.published_at + LIFETIME
    assert posting.status_changed_at == posting.published_at
    assert posting.status_changed_by == curator
    assert list(JobPosting.objects.published()) == [posting]
    assert history(posting) == [(curator.pk, CHANGE, f"Approved and published until {posting.expires_at:%Y-%m-%d}")]


@pytest.mark.parametrize("status", other_statuses(Status.DRAFT, Status.PENDING))
def test_approving_a_published_rejected_closed_or_expired_posting_is_refused(status, curator):
    error = assert_refused(services.job_posting_approve, make_posting(status), actor=curator)

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

    posting.refresh_from_db()
    assert posting.status == Status.REJECTED
    assert posting.rejection_reason == "The salary is below minimum wage."
    assert clock.saw(posting.status_changed_at)
    assert posting.status_changed_by == curator
    assert posting.published_at is None
    assert not JobPosting.objects.pending_review().exists()
    assert history(posting) == [(curator.pk, CHANGE, "Rejected: The salary is below minimum wage.")]


@pytest.mark.parametrize("status", other_statuses(Status.PENDING))
def test_rejecting_a_posting_that_is_not_pending_is_refused(status, curator):
    assert_refused(services.job_posting_reject, make_posting(status), actor=curator, reason="Duplicate posting.")


@pytest.mark.parametrize("reason", ["", " \t\n "], ids=["empty", "whitespace"])
def test_rejecting_without_a_reason_is_refused(reason, curator):
    posting = PendingJobPostingFactory(skills=[])
    before = row(posting)

    with pytest.raises(ValidationError) as excinfo:
        services.job_posting_reject(job_posting=posting, actor=curator, reason=reason)

    assert "reason" in excinfo.value.message_dict
    assert row(posting) == before
    assert history(posting) == []


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
    posting = make_posting(status)
    expires_at = posting.expires_at

    services.job_posting_close(job_posting=posting, actor=user)
    clock.stop()

    posting.refresh_from_db()
    assert posting.status == closed_as
    assert clock.saw(posting.status_changed_at)
    assert posting.status_changed_by == user
    assert posting.expires_at == expires_at
    assert not JobPosting.objects.published().exists()
    assert not JobPosting.objects.pending_review().exists()
    assert history(posting) == [(user.pk, CHANGE, recorded)]


@pytest.mark.parametrize("status", other_statuses(Status.PENDING, Status.PUBLISHED))
def test_closing_a_draft_rejected_closed_withdrawn_or_expired_posting_is_refused(status, user):
    assert_refused(services.job_posting_close, make_posting(status), actor=user)


# Expire one


def test_expiring_a_published_posting_past_its_date(clock):
    posting = make_due_posting(Status.PUBLISHED)

    services.job_posting_expire(job_posting=posting)
    clock.stop()

    posting.refresh_from_db()
    assert posting.status == Status.EXPIRED
    assert clock.saw(posting.status_changed_at)
    assert posting.status_changed_by is None
    assert history(posting) == []


def test_a_curator_expiring_a_posting_is_recorded_in_its_history(curator):
    posting = make_due_posting(Status.PUBLISHED)

    services.job_posting_expire(job_posting=posting, actor=curator)

    posting.refresh_from_db()
    assert posting.status == Status.EXPIRED
    assert posting.status_changed_by == curator
    assert history(posting) == [(curator.pk, CHANGE, "Expired")]


@pytest.mark.parametrize("status", other_statuses(Status.PUBLISHED))
def test_expiring_a_posting_that_is_not_published_is_refused(status, curator):
    assert_refused(services.job_posting_expire, make_due_posting(status), actor=curator)


def test_expiring_a_posting_that_still_runs_is_refused(curator):
    posting = PublishedJobPostingFactory(skills=[])
    before = row(posting)
    assert posting.expires_at > timezone.now()

    with pytest.raises(ValidationError) as excinfo:
        services.job_posting_expire(job_posting=posting, actor=curator)

    assert "expires_at" in excinfo.value.message_dict
    assert row(posting) == before
    assert JobPosting.objects.published().filter(pk=posting.pk).exists()
    assert history(posting) == []


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


@pytest.mark.parametrize("status", other_statuses(Status.PUBLISHED))
def test_expiring_due_postings_leaves_postings_that_are_not_published(status):
    posting = make_due_posting(status)
    before = row(posting)

    assert services.job_postings_expire_due() == 0

    assert row(posting) == before


def test_expiring_due_postings_leaves_those_that_still_run():
    running = PublishedJobPostingFactory(skills=[])
    before = row(running)

    assert services.job_postings_expire_due() == 0

    assert row(running) == before


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
    assert posting.status == Status.PUBLISHED
    assert clock.saw(posting.expires_at, plus=LIFETIME)
    assert clock.saw(posting.status_changed_at)
    assert posting.status_changed_by == curator
    assert posting.published_at == published_at
    assert list(JobPosting.objects.published()) == [posting]
    assert history(posting) == [(curator.pk, CHANGE, f"Extended until {posting.expires_at:%Y-%m-%d}")]


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
    before = row(posting)

    with pytest.raises(ValidationError) as excinfo:
        services.job_posting_extend(job_posting=posting, actor=curator, days=days)

    assert "days" in excinfo.value.message_dict
    assert row(posting) == before
    assert history(posting) == []


@pytest.mark.parametrize("status", other_statuses(Status.PUBLISHED, Status.EXPIRED))
def test_extending_a_posting_that_is_not_published_or_expired_is_refused(status, curator):
    posting = make_posting(status, expires_at=timezone.now() + timedelta(days=5))

    assert_refused(services.job_posting_extend, posting, actor=curator)


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
