"""factory_boy factories for the job board; the tests and `seed_demo` both use the provider behind them.

State subclasses give a posting in each workflow status (`PublishedJobPostingFactory`...). The
field values come from `fake.bpo_job_posting`, the same provider call the bulk seeder makes.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from demo.factories.directory import BpoEmployerFactory
from demo.fakers import fake
from directory.models import Industry, Language
from jobs.models import JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill
from jobs.search import refresh_job_search_vectors


def _spec(name: str):
    return factory.LazyAttribute(lambda o: o.spec[name])


class JobPostingFactory(factory.django.DjangoModelFactory):
    """A draft posting by a BPO employer, with requirements that fit its title.

    `skills=[skill, ...]` makes exactly those skills required and adds no language; by default the
    title's usual skills and languages are added.
    """

    class Meta:
        model = JobPosting
        skip_postgeneration_save = True

    class Params:
        spec = factory.LazyAttribute(lambda o: fake.bpo_job_posting(str(o.country), o.employer.name))

    slug = factory.Sequence(lambda n: f"job-{n}")
    employer = factory.SubFactory(BpoEmployerFactory)
    country = factory.LazyFunction(lambda: fake.bpo_hub().country)
    title = _spec("title")
    description = _spec("description")
    city = _spec("city")
    work_arrangement = _spec("work_arrangement")
    employment_type = _spec("employment_type")
    shift = _spec("shift")
    role = _spec("role")
    account_type = _spec("account_type")
    call_direction = _spec("call_direction")
    min_experience_years = _spec("min_experience_years")
    salary_min = _spec("salary_min")
    salary_max = _spec("salary_max")
    salary_currency = _spec("salary_currency")
    salary_period = _spec("salary_period")
    education_level = _spec("education_level")
    min_typing_wpm = _spec("min_typing_wpm")
    openings = _spec("openings")
    benefits = _spec("benefits")
    client_industry = factory.LazyAttribute(
        lambda o: Industry.objects.filter(slug=o.spec["client_industry"]).first() if o.spec["client_industry"] else None
    )

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            JobSkillRequirement.objects.bulk_create(JobSkillRequirement(job_posting=obj, skill=s) for s in extracted)
            refresh_job_search_vectors(job_ids=[obj.pk])  # bulk_create sends no signals
            return
        skill_specs, language_specs = fake.bpo_job_requirements(obj.title, obj.account_type, str(obj.country))
        skills = Skill.objects.in_bulk([slug for slug, _ in skill_specs], field_name="slug")
        languages = Language.objects.in_bulk([code for code, _ in language_specs], field_name="code")
        JobSkillRequirement.objects.bulk_create(
            JobSkillRequirement(job_posting=obj, skill=skills[slug], importance=importance)
            for slug, importance in skill_specs
        )
        JobLanguageRequirement.objects.bulk_create(
            JobLanguageRequirement(job_posting=obj, language=languages[code], level=level)
            for code, level in language_specs
        )
        refresh_job_search_vectors(job_ids=[obj.pk])


class PendingJobPostingFactory(JobPostingFactory):
    status = JobPosting.Status.PENDING
    status_changed_at = factory.LazyFunction(timezone.now)


class PublishedJobPostingFactory(JobPostingFactory):
    status = JobPosting.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - fake.bpo_posted_ago())
    expires_at = factory.LazyAttribute(lambda o: o.published_at + timedelta(days=60))
    status_changed_at = factory.LazyAttribute(lambda o: o.published_at)


class RejectedJobPostingFactory(JobPostingFactory):
    status = JobPosting.Status.REJECTED
    rejection_reason = "The salary range is missing a currency."


class WithdrawnJobPostingFactory(PendingJobPostingFactory):
    """Closed by its employer before a curator ever approved it: never public."""

    status = JobPosting.Status.WITHDRAWN


class ClosedJobPostingFactory(PublishedJobPostingFactory):
    status = JobPosting.Status.CLOSED


class ExpiredJobPostingFactory(PublishedJobPostingFactory):
    status = JobPosting.Status.EXPIRED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=70))
