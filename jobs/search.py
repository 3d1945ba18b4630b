"""The job board's search vector: title (A), skills, employer and city (B), description (C); see core/search.py."""

from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from core.search import SEARCH_CONFIG, refresh_search_vectors
from directory.models import Employer
from jobs.models import JobPosting, JobSkillRequirement


def job_search_vector():
    skills = (
        JobSkillRequirement.objects.filter(job_posting=OuterRef("pk"))
        .order_by()
        .values("job_posting")
        .annotate(names=StringAgg("skill__name", delimiter=Value(" ")))
        .values("names")
    )
    employer = Employer.objects.filter(pk=OuterRef("employer_id")).values("name")
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            Coalesce(Subquery(skills), Value(""), output_field=TextField()), weight="B", config=SEARCH_CONFIG
        )
        + SearchVector(
            Coalesce(Subquery(employer), Value(""), output_field=TextField()), "city", weight="B", config=SEARCH_CONFIG
        )
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def refresh_job_search_vectors(*, job_ids=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the given postings, or of every posting."""
    refresh_search_vectors(JobPosting, job_search_vector, pks=job_ids, everything=everything)
