"""Job postings with exactly the attributes a test names, for the job board's page, filter and feed tests."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from directory.models import Language
from jobs.models import Certification, JobLanguageRequirement, JobSkillRequirement, Skill
from tests.factories import (
    ClosedJobPostingFactory,
    EmployerFactory,
    ExpiredJobPostingFactory,
    PublishedJobPostingFactory,
)

DEFAULTS = {
    "description": "Help our customers.",
    "city": "Manila",
    "country": "PH",
    "work_arrangement": "onsite",
    "employment_type": "full_time",
    "shift": "day",
    "role": "agent",
    "account_type": "voice",
    "call_direction": "",
    "client_industry": None,
    "salary_min": None,
    "salary_max": None,
    "salary_currency": "",
    "salary_period": "month",
    "min_experience_years": 0,
    "education_level": "high_school",
    "min_typing_wpm": None,
    "openings": 1,
    "benefits": "",
}


def make_job(
    title,
    *,
    factory=PublishedJobPostingFactory,
    employer=None,
    skills=(),
    preferred=(),
    languages=(),
    certifications=(),
    days_ago=1.0,
    **fields,
):
    """A posting with exactly the given attributes: skills (required) and `preferred` by slug, languages as
    codes or (code, CEFR level), certifications by slug; published `days_ago` days ago, open for 60 days."""
    values = {"slug": slugify(title), **DEFAULTS, **fields}
    if issubclass(factory, PublishedJobPostingFactory):  # published, closed and expired postings have dates
        values.setdefault("published_at", timezone.now() - timedelta(days=days_ago))
        values.setdefault("expires_at", values["published_at"] + timedelta(days=60))
        values.setdefault("status_changed_at", values["published_at"])
    posting = factory(
        title=title,
        employer=employer or EmployerFactory(name="Northwind Services"),
        skills=[Skill.objects.get(slug=slug) for slug in skills],
        **values,
    )
    for slug in preferred:
        JobSkillRequirement.objects.create(
            job_posting=posting, skill=Skill.objects.get(slug=slug), importance=JobSkillRequirement.Importance.PREFERRED
        )
    for language in languages:
        code, level = (language, "B2") if isinstance(language, str) else language
        JobLanguageRequirement.objects.create(
            job_posting=posting, language=Language.objects.get(code=code), level=level
        )
    if certifications:
        posting.certifications.set(Certification.objects.filter(slug__in=certifications))
    posting.refresh_from_db()
    return posting


def closed_posting(title, **kwargs):
    return make_job(title, factory=ClosedJobPostingFactory, days_ago=10, **kwargs)


def expired_posting(title, **kwargs):
    """Moved to "expired" by the expiry job."""
    return make_job(title, factory=ExpiredJobPostingFactory, days_ago=70, **kwargs)
