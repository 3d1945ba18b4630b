"""Writes to the job board: the job posting moderation workflow and expiry.

Every transition locks the row, checks the current status, records who did it and when, and runs
in one transaction. The admin actions, the expiry command (and later the API and the employer
dashboard) call these.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bpo_portal.workflow import lock_for_update, record_action, require_status, set_status
from jobs.models import JobPosting

Status = JobPosting.Status


def default_lifetime() -> timedelta:
    return timedelta(days=settings.JOB_POSTING_DEFAULT_LIFETIME_DAYS)


@transaction.atomic
def job_posting_submit(*, job_posting: JobPosting, actor: User | None) -> JobPosting:
    """Send a draft or rejected posting to the curators' review queue."""
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "submit", {Status.DRAFT, Status.REJECTED})
    fields = set_status(job_posting, Status.PENDING, actor, timezone.now())
    job_posting.save(update_fields=fields)
    record_action(actor, job_posting, "Submitted for review")
    return job_posting


@transaction.atomic
def job_posting_approve(*, job_posting: JobPosting, actor: User) -> JobPosting:
    """Publish a posting. It expires on the date the employer set, if that is still ahead, else after the
    default lifetime (JOB_POSTING_LIFETIME_DAYS, 60 days)."""
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "approve", {Status.DRAFT, Status.PENDING})
    now = timezone.now()
    fields = set_status(job_posting, Status.PUBLISHED, actor, now)
    job_posting.published_at = now
    if job_posting.expires_at is None or job_posting.expires_at <= now:
        job_posting.expires_at = now + default_lifetime()
    job_posting.rejection_reason = ""
    job_posting.save(update_fields=[*fields, "published_at", "expires_at", "rejection_reason"])
    record_action(actor, job_posting, f"Approved and published until {job_posting.expires_at:%Y-%m-%d}")
    return job_posting


@transaction.atomic
def job_posting_reject(*, job_posting: JobPosting, actor: User, reason: str) -> JobPosting:
    """Turn down a posting under review, with a reason the employer will read."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the posting is rejected; the employer sees this reason."})
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "reject", {Status.PENDING})
    fields = set_status(job_posting, Status.REJECTED, actor, timezone.now())
    job_posting.rejection_reason = reason
    job_posting.save(update_fields=[*fields, "rejection_reason"])
    record_action(actor, job_posting, f"Rejected: {reason}")
    return job_posting


@transaction.atomic
def job_posting_close(*, job_posting: JobPosting, actor: User | None) -> JobPosting:
    """Stop taking applications: the role is filled, or the employer withdraws it before review."""
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "close", {Status.PENDING, Status.PUBLISHED})
    fields = set_status(job_posting, Status.CLOSED, actor, timezone.now())
    job_posting.save(update_fields=fields)
    record_action(actor, job_posting, "Closed")
    return job_posting


@transaction.atomic
def job_posting_expire(*, job_posting: JobPosting, actor: User | None = None) -> JobPosting:
    """Expire one published posting whose expiry date has passed."""
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "expire", {Status.PUBLISHED})
    now = timezone.now()
    if job_posting.expires_at > now:
        raise ValidationError(
            {"expires_at": f"{job_posting} runs until {job_posting.expires_at:%Y-%m-%d %H:%M}; close it instead."}
        )
    fields = set_status(job_posting, Status.EXPIRED, actor, now)
    job_posting.save(update_fields=fields)
    record_action(actor, job_posting, "Expired")
    return job_posting


@transaction.atomic
def job_postings_expire_due(*, now: datetime | None = None) -> int:
    """Expire every published posting past its expiry date, in one statement; returns how many.

    Idempotent: a second run finds nothing due. The same condition as `job_posting_expire`
    (JobPostingQuerySet.due_to_expire).
    """
    now = now or timezone.now()
    return JobPosting.objects.due_to_expire(now).update(
        status=Status.EXPIRED, status_changed_at=now, status_changed_by=None, updated_at=now
    )


@transaction.atomic
def job_posting_extend(*, job_posting: JobPosting, actor: User, days: int | None = None) -> JobPosting:
    """Keep a published posting up longer, or bring an expired one back, for `days` more days
    (default JOB_POSTING_LIFETIME_DAYS) counted from its expiry date or from now, whichever is later."""
    days = settings.JOB_POSTING_DEFAULT_LIFETIME_DAYS if days is None else days
    if not 1 <= days <= 365:
        raise ValidationError({"days": "Extend by 1 to 365 days."})
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "extend", {Status.PUBLISHED, Status.EXPIRED})
    now = timezone.now()
    job_posting.expires_at = max(now, job_posting.expires_at) + timedelta(days=days)
    fields = ["expires_at", "updated_at"]
    if job_posting.status == Status.EXPIRED:
        fields += set_status(job_posting, Status.PUBLISHED, actor, now)
    job_posting.save(update_fields=fields)
    record_action(actor, job_posting, f"Extended until {job_posting.expires_at:%Y-%m-%d}")
    return job_posting
