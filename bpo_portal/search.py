"""Full-text search on PostgreSQL: stored, weighted search vectors with GIN indexes, and typo tolerance through
trigram similarity. On SQLite the same `q` parameter falls back to "every word appears" (the querysets').

A listing's search vector is a cache of its text: it is refreshed when the listing or the rows it draws text
from change (signals in jobs/signals.py and directory/signals.py), and by `refresh_search_vectors` after bulk
inserts such as seed_demo.
"""

from django.db import connection, migrations

SEARCH_CONFIG = "english"
# How close a misspelled query may be to a title or name (pg_trgm's similarity, 0 to 1).
TRIGRAM_THRESHOLD = 0.3


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def full_text_query(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def words_match(queryset, text: str) -> bool:
    """Whether any row of `queryset` matches the words as typed; if none does, searches look for close words."""
    return queryset.filter(search_vector=full_text_query(text)).exists()


def vector_or_close_words(queryset, text: str, field: str, *, exact: bool | None = None):
    """Rows whose search vector matches `text`; or, when no row matches the words as typed (`exact` False, or
    found out here when not given), rows whose `field` has a word close to each word (typos)."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    if exact is None:
        exact = words_match(queryset, text)
    if exact:
        return queryset.filter(search_vector=full_text_query(text))
    for index, word in enumerate(text.split()[:8]):
        queryset = queryset.annotate(**{f"similarity_{index}": TrigramWordSimilarity(word, field)}).filter(
            **{f"similarity_{index}__gte": TRIGRAM_THRESHOLD}
        )
    return queryset


def relevance(text: str, field: str):
    """The weighted full-text rank plus how close `field` is to the text."""
    from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity
    from django.db.models import F

    return SearchRank(F("search_vector"), full_text_query(text)) + TrigramWordSimilarity(text, field)


class PostgresOnly(migrations.RunSQL):
    """SQL that only PostgreSQL runs (extensions, GIN indexes); other databases skip it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def job_search_vector():
    from django.contrib.postgres.search import SearchVector
    from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
    from django.db.models.functions import Coalesce

    from directory.models import Employer
    from jobs.models import JobSkillRequirement

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


def vendor_search_vector():
    from django.contrib.postgres.search import SearchVector
    from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
    from django.db.models.functions import Coalesce

    from directory.models import Vendor

    services = (
        Vendor.services.through.objects.filter(vendor=OuterRef("pk"))
        .order_by()
        .values("vendor")
        .annotate(names=StringAgg("servicetype__name", delimiter=Value(" ")))
        .values("names")
    )
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            "tagline",
            Coalesce(Subquery(services), Value(""), output_field=TextField()),
            weight="B",
            config=SEARCH_CONFIG,
        )
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def refresh_search_vectors(*, job_ids=None, vendor_ids=None, everything: bool = False) -> None:
    """Recompute stored search vectors (PostgreSQL only): of the given rows, or of every row."""
    if not is_postgresql():
        return
    from directory.models import Vendor
    from jobs.models import JobPosting

    if everything or job_ids:
        postings = JobPosting.objects.all() if everything else JobPosting.objects.filter(pk__in=list(job_ids))
        postings.update(search_vector=job_search_vector())
    if everything or vendor_ids:
        vendors = Vendor.objects.all() if everything else Vendor.objects.filter(pk__in=list(vendor_ids))
        vendors.update(search_vector=vendor_search_vector())
