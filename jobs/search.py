"""The job board's search vector: title (A); skills, employer, city and what the posting is (B); description,
benefits and the client's industry (C). See core/search.py.

"What the posting is" are the words people search its choices by (`jobs.choices.SEARCH_WORDS`): a night shift is
found by "graveyard", a remote job by "work from home", an entry-level one by "entry level". SQLite's search matches
the same words (`JobPostingQuerySet.search`).
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import Case, OuterRef, StringAgg, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce

from core.search import SEARCH_CONFIG, refresh_search_vectors, refresh_search_words
from directory.models import Employer, Industry
from jobs.choices import ENTRY_LEVEL_WORDS, SEARCH_WORDS
from jobs.models import JobPosting, JobSkillRequirement


def choice_words():
    """The words of every choice of the posting, as text expressions (see jobs.choices.SEARCH_WORDS)."""
    parts = []
    for field, words in SEARCH_WORDS.items():
        parts.append(
            Case(
                *[When(**{field: value}, then=Value(text)) for value, text in words.items()],
                default=Value(""),
                output_field=TextField(),
            )
        )
    parts.append(Case(When(min_experience_years=0, then=Value(ENTRY_LEVEL_WORDS)), default=Value("")))
    return parts


def job_search_vector():
    skills = (
        JobSkillRequirement.objects.filter(job_posting=OuterRef("pk"))
        .order_by()
        .values("job_posting")
        .annotate(names=StringAgg("skill__name", delimiter=Value(" ")))
        .values("names")
    )
    employer = Employer.objects.filter(pk=OuterRef("employer_id")).values("name")
    industry = Industry.objects.filter(pk=OuterRef("client_industry_id")).values("name")
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            Coalesce(Subquery(skills), Value(""), output_field=TextField()), weight="B", config=SEARCH_CONFIG
        )
        + SearchVector(
            Coalesce(Subquery(employer), Value(""), output_field=TextField()), "city", weight="B", config=SEARCH_CONFIG
        )
        + SearchVector(*choice_words(), weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            "description",
            "benefits",
            Coalesce(Subquery(industry), Value(""), output_field=TextField()),
            weight="C",
            config=SEARCH_CONFIG,
        )
    )


def refresh_job_search_vectors(*, job_ids=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the given postings, or of every posting, and add
    the words of their titles, once public, to the job search's vocabulary (typos are corrected to them)."""
    refresh_search_vectors(JobPosting, job_search_vector, pks=job_ids, everything=everything)
    refresh_search_words(JobPosting.objects.visible_to_public(), "title", pks=job_ids, everything=everything)
