"""The job board: CSR job postings and what they ask of candidates."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from core.models import ModeratedModel, TaxonomyTerm
from core.slugs import validate_public_slug
from core.storage import PrivateStorage
from directory.models import Employer, Industry, Language
from jobs.choices import (
    AccountType,
    CallDirection,
    CEFRLevel,
    Currency,
    EducationLevel,
    EmploymentType,
    JobPostingStatus,
    JobRole,
    SalaryPeriod,
    Shift,
    SkillImportance,
    WorkArrangement,
)
from jobs.querysets import JobPostingQuerySet

# Partial indexes cover only what the public lists can show.
PUBLISHED = Q(status=JobPostingStatus.PUBLISHED)


class Skill(TaxonomyTerm):
    class Kind(models.TextChoices):
        SOFT = "soft", "Soft skill"
        TECHNICAL = "technical", "Technical skill"

    kind = models.CharField(max_length=10, choices=Kind, default=Kind.SOFT)


class Certification(TaxonomyTerm):
    issuer = models.CharField(max_length=120, blank=True)


class JobPosting(ModeratedModel):
    Status = JobPostingStatus
    WorkArrangement = WorkArrangement
    EmploymentType = EmploymentType
    Shift = Shift
    AccountType = AccountType
    CallDirection = CallDirection
    SalaryPeriod = SalaryPeriod
    Role = JobRole

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, validators=[validate_public_slug])
    # No index of its own: job_employer_status_idx (employer, status) begins with it.
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="job_postings", db_index=False)
    description = models.TextField(help_text="Markdown. Rendered sanitized on the job page.")
    city = models.CharField(max_length=100, blank=True)
    country = CountryField()
    work_arrangement = models.CharField(max_length=10, choices=WorkArrangement, default=WorkArrangement.ONSITE)
    employment_type = models.CharField(max_length=12, choices=EmploymentType, default=EmploymentType.FULL_TIME)
    shift = models.CharField(max_length=10, choices=Shift, default=Shift.DAY)
    role = models.CharField(max_length=20, choices=JobRole, default=JobRole.AGENT)
    account_type = models.CharField(max_length=10, choices=AccountType, default=AccountType.VOICE)
    call_direction = models.CharField(max_length=10, choices=CallDirection, blank=True)
    client_industry = models.ForeignKey(
        Industry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings",
    )

    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, choices=Currency, blank=True)
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod, default=SalaryPeriod.MONTH)

    min_experience_years = models.PositiveSmallIntegerField(
        "minimum years of experience",
        default=0,
        help_text="0 means entry level welcome.",
    )
    education_level = models.CharField(max_length=15, choices=EducationLevel, default=EducationLevel.HIGH_SCHOOL)
    min_typing_wpm = models.PositiveSmallIntegerField("minimum typing speed (WPM)", null=True, blank=True)
    openings = models.PositiveSmallIntegerField(default=1)
    benefits = models.TextField(blank=True, help_text="One benefit per line.")

    skills = models.ManyToManyField(Skill, through="JobSkillRequirement", related_name="job_postings")
    languages = models.ManyToManyField(Language, through="JobLanguageRequirement", related_name="job_postings")
    certifications = models.ManyToManyField(Certification, related_name="job_postings", blank=True)

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set on approval to 60 days later unless a later date is given here.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings_created",
    )
    # The posting as a curator last approved it (fields and requirements, `jobs.services.postings.job_posting_version`),
    # kept aside while an unreviewed edit of a published posting stands on this row: closing the posting puts it
    # back (`job_posting_close`), approving the edit drops it. Null whenever the row itself is the approved text.
    approved_version = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: title (A), skills and employer (B), description (C); kept by jobs/signals.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        permissions = [
            (
                "moderate_jobposting",
                "Can approve, reject, close, expire and extend job postings",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobPostingStatus.values),
                name="job_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__gte=0) | Q(salary_min__isnull=True),
                name="job_salary_min_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(salary_max__gte=0) | Q(salary_max__isnull=True),
                name="job_salary_max_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(salary_max__gte=F("salary_min")) | Q(salary_max__isnull=True) | Q(salary_min__isnull=True),
                name="job_salary_max_gte_min",
            ),
            models.CheckConstraint(
                condition=(Q(salary_min__isnull=True) & Q(salary_max__isnull=True)) | ~Q(salary_currency=""),
                name="job_salary_has_currency",
            ),
            models.CheckConstraint(condition=Q(openings__gte=1), name="job_openings_at_least_one"),
            models.CheckConstraint(
                condition=Q(min_experience_years__lte=50),
                name="job_experience_plausible",
            ),
            models.CheckConstraint(condition=Q(role__in=JobRole.values), name="job_role_valid"),
            models.CheckConstraint(
                condition=Q(min_typing_wpm__isnull=True) | Q(min_typing_wpm__lte=250),
                name="job_typing_wpm_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(status=JobPostingStatus.PUBLISHED)
                | Q(published_at__isnull=False, expires_at__isnull=False),
                name="job_published_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="job_expires_after_published",
            ),
            # Only approved text is public: a posting with a public page was approved once (closed before that,
            # it is withdrawn), and its row holds no unreviewed edit (see `approved_version`).
            models.CheckConstraint(
                condition=~Q(status__in=JobPostingStatus.approved_statuses()) | Q(published_at__isnull=False),
                name="job_public_was_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=JobPostingStatus.approved_statuses()) | Q(approved_version__isnull=True),
                name="job_public_text_approved",
            ),
        ]
        indexes = [
            # The public list is always "published, newest first"; partial indexes keep them small.
            models.Index(fields=["status", "-published_at"], name="job_status_published_idx"),
            models.Index(fields=["status", "expires_at"], name="job_status_expires_idx"),
            # The lists' newest-first order has its own indexes (querysets.NEWEST_FIRST_INDEXES), created on
            # PostgreSQL only by migrations 0008, 0009, 0016, 0024 and 0027, as SQLite cannot index NULLS LAST.
            models.Index(fields=["country", "city"], condition=PUBLISHED, name="job_pub_city_idx"),
            models.Index(
                fields=["employment_type"],
                condition=PUBLISHED,
                name="job_pub_employment_idx",
            ),
            models.Index(fields=["role"], condition=PUBLISHED, name="job_pub_role_idx"),
            models.Index(
                fields=["education_level"],
                condition=PUBLISHED,
                name="job_pub_education_idx",
            ),
            models.Index(
                fields=["min_experience_years"],
                condition=PUBLISHED,
                name="job_pub_experience_idx",
            ),
            models.Index(
                fields=["salary_currency", "salary_period", "salary_max"],
                condition=PUBLISHED,
                name="job_pub_salary_idx",
            ),
            models.Index(fields=["employer", "status"], name="job_employer_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_posting_detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        """Whether candidates can still apply: the same rule as `JobPostingQuerySet.published()`."""
        return self.status == self.Status.PUBLISHED and self.expires_at is not None and self.expires_at > timezone.now()

    @property
    def is_entry_level(self) -> bool:
        return self.min_experience_years == 0


class JobSkillRequirement(models.Model):
    Importance = SkillImportance

    # No index of their own: the unique key (job_posting, skill) and job_skill_skill_job_idx begin with them.
    job_posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="skill_requirements", db_index=False
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="requirements", db_index=False)
    importance = models.CharField(max_length=10, choices=Importance, default=Importance.REQUIRED)

    class Meta:
        ordering = ["importance", "skill__position"]
        constraints = [
            models.UniqueConstraint(fields=["job_posting", "skill"], name="job_skill_once_per_posting"),
            models.CheckConstraint(
                condition=Q(importance__in=SkillImportance.values),
                name="job_skill_importance_valid",
            ),
        ]
        indexes = [models.Index(fields=["skill", "job_posting"], name="job_skill_skill_job_idx")]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_importance_display().lower()})"


class JobLanguageRequirement(models.Model):
    # No index of their own: the unique key (job_posting, language) and job_lang_language_job_idx begin with them.
    job_posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="language_requirements", db_index=False
    )
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="job_requirements", db_index=False)
    level = models.CharField("CEFR level", max_length=6, choices=CEFRLevel, default=CEFRLevel.B2)

    class Meta:
        ordering = ["language__name"]
        constraints = [
            models.UniqueConstraint(fields=["job_posting", "language"], name="job_language_once_per_posting"),
            models.CheckConstraint(condition=Q(level__in=CEFRLevel.values), name="job_language_level_valid"),
        ]
        indexes = [models.Index(fields=["language", "job_posting"], name="job_lang_language_job_idx")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class JobPostingReviewQueue(JobPosting):
    """The curators' queue of postings waiting for review (an admin view over JobPosting)."""

    class Meta:
        proxy = True
        verbose_name = "job posting awaiting review"
        verbose_name_plural = "job postings awaiting review"


def private_storage():
    return PrivateStorage()


def resume_path(instance, filename: str) -> str:
    # A random name: the original name may say too much, and names must not be guessable.

    return f"resumes/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:5]}"


class SeekerProfile(models.Model):
    """What a job seeker tells employers, and what job matching compares with a posting."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile")
    headline = models.CharField(max_length=150, blank=True, help_text="e.g. Bilingual chat support agent")
    country = CountryField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    experience_years = models.PositiveSmallIntegerField("years of experience", default=0)
    education_level = models.CharField(max_length=15, choices=EducationLevel, default=EducationLevel.HIGH_SCHOOL)
    skills = models.ManyToManyField(Skill, related_name="seekers", blank=True)
    certifications = models.ManyToManyField(Certification, related_name="seekers", blank=True)
    typing_wpm = models.PositiveSmallIntegerField("typing speed (WPM)", null=True, blank=True)
    desired_shift = models.CharField(max_length=10, choices=Shift, blank=True)
    desired_arrangement = models.CharField(max_length=10, choices=WorkArrangement, blank=True)
    resume = models.FileField(upload_to=resume_path, storage=private_storage, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(experience_years__lte=60), name="seeker_experience_plausible"),
            models.CheckConstraint(
                condition=Q(typing_wpm__isnull=True) | Q(typing_wpm__lte=250), name="seeker_typing_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.headline or 'job seeker'})"


class SeekerLanguage(models.Model):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    level = models.CharField("CEFR level", max_length=6, choices=CEFRLevel)

    class Meta:
        ordering = ["language__name"]
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="seeker_language_once")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class Application(models.Model):
    """A job seeker's application to a posting, and where the employer has it in their pipeline."""

    class Stage(models.TextChoices):
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        INTERVIEW = "interview", "Interview"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Not selected"

    job_posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    cover_note = models.TextField(blank=True, max_length=5000)
    resume = models.FileField(upload_to=resume_path, storage=private_storage)
    stage = models.CharField(max_length=10, choices=Stage, default=Stage.APPLIED)
    employer_note = models.TextField(blank=True, help_text="Private to the employer's members.")
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One application per posting per person, whatever races the web requests run.
            models.UniqueConstraint(fields=["job_posting", "applicant"], name="application_once_per_posting"),
        ]
        indexes = [models.Index(fields=["applicant", "-created_at"], name="application_applicant_idx")]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.job_posting}"


class SavedJob(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs")
    job_posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "job_posting"], name="saved_job_once")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.job_posting}"


class SavedSearch(models.Model):
    """A job seeker's saved job search (the list's query string) and how often to email what is new in it."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    query = models.CharField(max_length=2000, blank=True, help_text="The job list's query string, e.g. shift=night.")
    frequency = models.CharField(max_length=6, choices=Frequency, default=Frequency.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="saved_search_once")]
        indexes = [models.Index(fields=["frequency", "last_sent_at"], name="saved_search_due_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.query or 'all jobs'} ({self.get_frequency_display().lower()})"


class AlertDelivery(models.Model):
    """A posting already sent in a saved search's digest: never sent twice."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    job_posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "job_posting"], name="alert_posting_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job_posting} → {self.saved_search}"
