"""The database itself refuses impossible job postings and requirements."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from demo.factories.jobs import JobPostingFactory, PendingJobPostingFactory, PublishedJobPostingFactory
from directory.models import Language
from jobs.models import JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill

pytestmark = pytest.mark.django_db


def assert_update_refused(job_posting: JobPosting, **changes) -> None:
    before = JobPosting.objects.filter(pk=job_posting.pk).values().get()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=job_posting.pk).update(**changes)
    assert JobPosting.objects.filter(pk=job_posting.pk).values().get() == before


# Job postings


def test_a_salary_maximum_below_the_minimum_is_refused():
    assert_update_refused(
        JobPostingFactory(), salary_min=Decimal("25000"), salary_max=Decimal("24999.99"), salary_currency="PHP"
    )


def test_a_negative_salary_is_refused():
    assert_update_refused(JobPostingFactory(), salary_min=Decimal("-1"), salary_max=Decimal("500"))


def test_a_negative_salary_maximum_without_a_minimum_is_refused():
    assert_update_refused(JobPostingFactory(), salary_min=None, salary_max=Decimal("-500"), salary_currency="USD")


@pytest.mark.parametrize(
    "salary",
    [
        {"salary_min": Decimal("18000"), "salary_max": Decimal("22000")},
        {"salary_min": Decimal("18000"), "salary_max": None},
        {"salary_min": None, "salary_max": Decimal("22000")},
    ],
    ids=["range", "minimum only", "maximum only"],
)
def test_a_salary_without_a_currency_is_refused(salary):
    assert_update_refused(JobPostingFactory(), salary_currency="", **salary)


def test_zero_openings_are_refused():
    assert_update_refused(JobPostingFactory(), openings=0)


def test_sixty_years_of_required_experience_are_refused():
    assert_update_refused(JobPostingFactory(), min_experience_years=60)


def test_a_typing_speed_of_300_wpm_is_refused():
    assert_update_refused(JobPostingFactory(), min_typing_wpm=300)


def test_a_published_posting_without_a_publication_date_is_refused():
    assert_update_refused(
        JobPostingFactory(),
        status=JobPosting.Status.PUBLISHED,
        published_at=None,
        expires_at=timezone.now() + timedelta(days=30),
    )


def test_a_published_posting_without_an_expiry_date_is_refused():
    assert_update_refused(
        JobPostingFactory(), status=JobPosting.Status.PUBLISHED, published_at=timezone.now(), expires_at=None
    )


@pytest.mark.parametrize("offset", [timedelta(days=-1), timedelta(0)], ids=["before", "same instant"])
def test_an_expiry_date_not_after_the_publication_date_is_refused(offset):
    posting = PublishedJobPostingFactory()

    assert_update_refused(posting, expires_at=posting.published_at + offset)


def test_an_unknown_job_posting_status_is_refused():
    assert_update_refused(JobPostingFactory(), status="deleted")


def test_two_postings_cannot_share_a_slug():
    JobPostingFactory(slug="csr-manila")

    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(slug="csr-manila")

    assert JobPosting.objects.filter(slug="csr-manila").count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"salary_min": Decimal("20000.00"), "salary_max": Decimal("20000.00"), "salary_currency": "PHP"},
        {"salary_min": Decimal("0.00"), "salary_max": None, "salary_currency": "USD"},
        {"salary_min": None, "salary_max": None, "salary_currency": ""},
        {"salary_min": None, "salary_max": None, "salary_currency": "INR"},
        {"openings": 1},
        {"min_experience_years": 0},
        {"min_experience_years": 50},
        {"min_typing_wpm": 250},
        {"min_typing_wpm": None},
    ],
    ids=lambda changes: ",".join(f"{k}={v}" for k, v in changes.items()),
)
def test_a_plausible_job_posting_row_is_stored(changes):
    posting = JobPostingFactory()

    JobPosting.objects.filter(pk=posting.pk).update(**changes)

    assert JobPosting.objects.filter(pk=posting.pk).values(*changes).get() == changes


def test_a_published_posting_with_both_dates_in_order_is_stored():
    posting = PendingJobPostingFactory()
    published_at = timezone.now()
    expires_at = published_at + timedelta(seconds=1)

    JobPosting.objects.filter(pk=posting.pk).update(
        status=JobPosting.Status.PUBLISHED, published_at=published_at, expires_at=expires_at
    )

    assert JobPosting.objects.published(now=published_at).get() == posting


def test_a_draft_may_carry_an_employer_set_expiry_date_before_publication():
    expires_at = timezone.now() + timedelta(days=90)
    posting = JobPostingFactory(expires_at=expires_at)

    assert JobPosting.objects.values_list("published_at", "expires_at").get(pk=posting.pk) == (None, expires_at)


# Requirements


def test_a_posting_cannot_require_the_same_skill_twice():
    skill = Skill.objects.order_by("pk").first()
    posting = JobPostingFactory(skills=[skill])

    with pytest.raises(IntegrityError), transaction.atomic():
        JobSkillRequirement.objects.create(
            job_posting=posting, skill=skill, importance=JobSkillRequirement.Importance.PREFERRED
        )

    assert posting.skill_requirements.filter(skill=skill).count() == 1


def test_an_unknown_skill_importance_is_refused():
    skill = Skill.objects.order_by("pk").first()
    posting = JobPostingFactory(skills=[])

    with pytest.raises(IntegrityError), transaction.atomic():
        JobSkillRequirement.objects.create(job_posting=posting, skill=skill, importance="optional")

    assert not posting.skill_requirements.exists()


def test_a_posting_cannot_require_the_same_language_twice():
    english = Language.objects.get(code="en")
    posting = JobPostingFactory(skills=[])
    JobLanguageRequirement.objects.create(job_posting=posting, language=english, level="C1")

    with pytest.raises(IntegrityError), transaction.atomic():
        JobLanguageRequirement.objects.create(job_posting=posting, language=english, level="B2")

    assert list(posting.language_requirements.values_list("level", flat=True)) == ["C1"]


def test_an_unknown_cefr_level_is_refused():
    english = Language.objects.get(code="en")
    posting = JobPostingFactory(skills=[])

    with pytest.raises(IntegrityError), transaction.atomic():
        JobLanguageRequirement.objects.create(job_posting=posting, language=english, level="Z9")

    assert not posting.language_requirements.exists()


def test_two_postings_may_require_the_same_skill_and_language():
    skill = Skill.objects.order_by("pk").first()
    english = Language.objects.get(code="en")
    postings = [JobPostingFactory(skills=[skill]), JobPostingFactory(skills=[skill])]

    for posting in postings:
        JobLanguageRequirement.objects.create(job_posting=posting, language=english, level="native")

    assert JobSkillRequirement.objects.filter(skill=skill, job_posting__in=postings).count() == 2
    assert JobLanguageRequirement.objects.filter(language=english, job_posting__in=postings).count() == 2


def test_a_posting_may_require_several_distinct_skills_and_languages():
    skills = list(Skill.objects.order_by("pk")[:3])
    languages = list(Language.objects.order_by("code")[:2])
    posting = JobPostingFactory(skills=skills)

    for language in languages:
        JobLanguageRequirement.objects.create(job_posting=posting, language=language)

    assert set(posting.skills.all()) == set(skills)
    assert set(posting.languages.all()) == set(languages)
