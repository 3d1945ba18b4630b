"""Writes to the job board: the job posting moderation workflow and expiry.

Every transition locks the row, checks the current status, records who did it and when, and runs
in one transaction. The admin actions, the expiry command (and later the API and the employer
dashboard) call these.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.limits import enforce_daily_limit
from core.mail import send_templated_after_commit
from core.page_cache import public_pages_changed
from core.slugs import unique_slug
from core.workflow import lock_for_update, record_action, require_status, set_status
from directory.models import Language
from jobs.models import Certification, JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill
from jobs.search import refresh_job_search_vectors

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
    job_posting.approved_version = None  # the row's text is the approved one now
    job_posting.save(update_fields=[*fields, "published_at", "expires_at", "rejection_reason", "approved_version"])
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
    if job_posting.created_by:
        send_templated_after_commit(
            "jobs/email/job_posting_rejected", {"job_posting": job_posting}, [job_posting.created_by.email]
        )
    return job_posting


@transaction.atomic
def job_posting_close(*, job_posting: JobPosting, actor: User | None) -> JobPosting:
    """Stop taking applications: the role is filled, or the employer withdraws the posting.

    A closed posting keeps its public page (old links still answer), and only text a curator approved is ever
    public, so what closing leaves depends on the text on the row:

    - published: the row is the approved text; the posting is closed as it stands.
    - pending (under review) after an edit of a once-published posting: the edit was never approved, so it is
      discarded. The last approved version, which `job_posting_update` kept aside, is put back on the row
      (fields, skills, languages, certifications) and the posting is closed with it; the admin history says
      the edit was discarded. The row itself is the approved text whenever it is public, so every public
      surface (page, API, feed, sitemap, JSON-LD, similar jobs) reads it as usual.
    - pending and never approved (or approved before approved versions were kept, with no version to go
      back to): the posting is withdrawn. It never gets a public page; its employer still sees it, as
      withdrawn, on the dashboard and in the API's mine=true list.
    """
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "close", {Status.PENDING, Status.PUBLISHED})
    now = timezone.now()
    approved = job_posting.approved_version
    if job_posting.status == Status.PUBLISHED:
        job_posting.save(update_fields=set_status(job_posting, Status.CLOSED, actor, now))
        record_action(actor, job_posting, "Closed")
    elif approved is not None:
        edited = job_posting_version(job_posting) != approved
        _restore_version(job_posting, approved)
        job_posting.approved_version = None
        set_status(job_posting, Status.CLOSED, actor, now)
        job_posting.save()
        discarded = "; the unreviewed edit was discarded, the approved version restored" if edited else ""
        record_action(actor, job_posting, f"Closed{discarded}")
    else:
        job_posting.save(update_fields=set_status(job_posting, Status.WITHDRAWN, actor, now))
        record_action(actor, job_posting, "Withdrawn before approval")
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
    expired = JobPosting.objects.due_to_expire(now).update(
        status=Status.EXPIRED, status_changed_at=now, status_changed_by=None, updated_at=now
    )
    if expired:
        public_pages_changed()  # an update() sends no signal
    return expired


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


# What an employer writes on a posting; status, dates, the employer and the slug are the system's.
JOB_POSTING_EDITABLE_FIELDS = (
    "title",
    "role",
    "description",
    "city",
    "country",
    "work_arrangement",
    "employment_type",
    "shift",
    "account_type",
    "call_direction",
    "client_industry",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "min_experience_years",
    "education_level",
    "min_typing_wpm",
    "openings",
    "benefits",
)


def job_posting_version(job_posting: JobPosting) -> dict:
    """Everything an employer writes on a posting and the public reads (the editable fields, skills with
    importance, languages with level, certifications), as JSON: what `approved_version` keeps."""
    fields = {}
    for name in JOB_POSTING_EDITABLE_FIELDS:
        field = JobPosting._meta.get_field(name)
        value = field.get_prep_value(getattr(job_posting, field.attname))
        fields[field.attname] = str(value) if isinstance(value, Decimal) else value
    return {
        "fields": fields,
        "skills": sorted([r.skill_id, r.importance] for r in job_posting.skill_requirements.all()),
        "languages": sorted([r.language_id, r.level] for r in job_posting.language_requirements.all()),
        "certifications": sorted(job_posting.certifications.values_list("pk", flat=True)),
    }


def _restore_version(job_posting: JobPosting, version: dict) -> None:
    """Put `version` (from `job_posting_version`) back on the posting and its requirements; the caller saves
    the posting. Terms deleted since (an industry, a skill no longer in use) are left out. A field the version
    does not hold was added to the model after it was kept: the approved posting had the field's default."""
    for name in JOB_POSTING_EDITABLE_FIELDS:
        field = JobPosting._meta.get_field(name)
        kept = version["fields"]
        value = field.to_python(kept[field.attname]) if field.attname in kept else field.get_default()
        if field.is_relation and value is not None and not field.related_model.objects.filter(pk=value).exists():
            value = None
        setattr(job_posting, field.attname, value)
    skills = Skill.objects.in_bulk([skill_id for skill_id, _ in version["skills"]])
    languages = Language.objects.in_bulk([language_id for language_id, _ in version["languages"]])
    _set_requirements(
        job_posting,
        skills=[(skills[pk], importance) for pk, importance in version["skills"] if pk in skills],
        languages=[(languages[pk], level) for pk, level in version["languages"] if pk in languages],
        certifications=Certification.objects.filter(pk__in=version["certifications"]),
    )


def _set_requirements(job_posting, *, skills=None, languages=None, certifications=None) -> None:
    """Replace the posting's requirements with the given ones; None leaves a kind as it is."""
    if skills is not None:
        job_posting.skill_requirements.all().delete()
        JobSkillRequirement.objects.bulk_create(
            JobSkillRequirement(job_posting=job_posting, skill=skill, importance=importance)
            for skill, importance in skills
        )
    if languages is not None:
        job_posting.language_requirements.all().delete()
        JobLanguageRequirement.objects.bulk_create(
            JobLanguageRequirement(job_posting=job_posting, language=language, level=level)
            for language, level in languages
        )
    if certifications is not None:
        job_posting.certifications.set(certifications)
    refresh_job_search_vectors(job_ids=[job_posting.pk])  # bulk_create sends no signals


@transaction.atomic
def job_posting_create(
    *, employer, actor: User, fields: dict, skills=(), languages=(), certifications=()
) -> JobPosting:
    """Create a posting for `employer` and send it to review: nothing an employer writes is published unseen.

    `skills` are (Skill, importance) pairs, `languages` (Language, CEFR level) pairs.
    """
    unknown = set(fields) - set(JOB_POSTING_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    enforce_daily_limit(
        JobPosting.objects.filter(created_by=actor),
        kind="job_posting",
        message="You can post at most {limit} jobs a day; please try again tomorrow.",
    )
    job_posting = JobPosting(employer=employer, created_by=actor, **fields)
    job_posting.slug = unique_slug(JobPosting, f"{job_posting.title} {job_posting.city}", max_length=220)
    job_posting.full_clean()
    job_posting.save()
    _set_requirements(job_posting, skills=skills, languages=languages, certifications=certifications)
    record_action(actor, job_posting, "Created")
    return job_posting_submit(job_posting=job_posting, actor=actor)


@transaction.atomic
def job_posting_update(
    *, job_posting: JobPosting, actor: User, fields: dict, skills=None, languages=None, certifications=None
) -> JobPosting:
    """Change a posting. Any change sends it (back) to review, so an edit never goes live unseen; a published
    posting leaves the board until a curator approves the new text, and its approved version is kept aside
    (`approved_version`) for `job_posting_close` to put back should it be closed before that. Closed, withdrawn
    and expired postings are final."""
    unknown = set(fields) - set(JOB_POSTING_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    job_posting = lock_for_update(job_posting)
    require_status(job_posting, "edit", {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED})
    if job_posting.status == Status.PUBLISHED:
        job_posting.approved_version = job_posting_version(job_posting)
    for name, value in fields.items():
        setattr(job_posting, name, value)
    if job_posting.status != Status.PENDING:
        set_status(job_posting, Status.PENDING, actor, timezone.now())
    job_posting.full_clean()
    job_posting.save()
    _set_requirements(job_posting, skills=skills, languages=languages, certifications=certifications)
    record_action(actor, job_posting, "Edited; sent to review")
    return job_posting
