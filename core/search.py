"""Full-text search on PostgreSQL: stored, weighted search vectors with GIN indexes, and typo tolerance through
trigram similarity. On SQLite the same `q` parameter falls back to "every word appears" (the querysets').

A listing's search vector is a cache of its text: it is refreshed when the listing or the rows it draws text
from change (signals in jobs/signals.py and directory/signals.py), and by each app's `refresh_*_search_vectors`
(jobs/search.py, directory/search.py) after bulk inserts such as seed_demo. This module holds what both use and
knows no app.
"""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    TrigramWordSimilarity,
)
from django.db import connection, migrations
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

SEARCH_CONFIG = "english"
# How close a misspelled query may be to a title or name (pg_trgm's similarity, 0 to 1).
TRIGRAM_THRESHOLD = 0.3


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def refresh_search_vectors(model, vector, *, pks=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the `model` rows with the given `pks`, or of every
    row; `vector` returns the app's search vector expression."""
    if not is_postgresql() or not (everything or pks):
        return
    rows = model.objects.all() if everything else model.objects.filter(pk__in=list(pks))
    rows.update(search_vector=vector())


def full_text_query(text: str):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def words_match(queryset, text: str) -> bool:
    """Whether any row of `queryset` matches the words as typed; if none does, searches look for close words."""
    return queryset.filter(search_vector=full_text_query(text)).exists()


def vector_or_close_words(queryset, text: str, field: str, *, exact: bool | None = None):
    """Rows whose search vector matches `text`; or, when no row matches the words as typed (`exact` False, or
    found out here when not given), rows whose `field` has a word close to each word (typos)."""

    if exact is None:
        exact = words_match(queryset, text)
    if exact:
        return queryset.filter(search_vector=full_text_query(text))
    for index, word in enumerate(text.split()[:8]):
        queryset = queryset.annotate(**{f"similarity_{index}": TrigramWordSimilarity(word, field)}).filter(
            **{f"similarity_{index}__gte": TRIGRAM_THRESHOLD}
        )
    return queryset


# The relevance tiers of a search: every word in the title (tier 0), then every other match (tier 1).
TIER_COUNT = 2


def relevance_tier(text: str, title: str = "title"):
    """0 when every word of `text` is in the title, else 1 (see TIER_COUNT).

    Searches order by this tier, then newest first. Unlike a rank computed from every match, this order lets
    PostgreSQL stop early: each tier is read newest first from the list's index, so a page needs at most
    offset + page size rows of each tier (`page_keys`), however many rows match. The title tier is the title's
    own text-search vector (the A part of the stored one), read through its GIN index (jobs migration 0010), so
    it costs what the matching titles cost. A finer tier (skills, employer, city through ts_filter) was tried
    and dropped: the planner cannot estimate it, and for a common phrase it then sorted every match."""

    in_title = SearchVectorExact(SearchVector(title, config=SEARCH_CONFIG), full_text_query(text))
    return Case(When(Q(in_title), then=Value(0)), default=Value(TIER_COUNT - 1), output_field=IntegerField())


def page_keys(queryset, key: slice):
    """A subquery of the primary keys of rows `key` of `queryset`; for a queryset ordered by relevance tier
    (`relevance_tier`), one that reads them tier by tier.

    Why the tiered read is exact: the order is (tier, then the rest of the queryset's order), and the tiers are
    disjoint. A row among the first `stop` rows of the whole order has fewer than `stop` rows before it in its
    own tier, so it is among the first `stop` rows of its tier. Reading the first `stop` rows of each tier
    (each one an index-ordered read that stops there, or an index lookup when the tier is small) and ordering
    those few therefore gives exactly the rows the whole order would put at `key`."""

    order = list(queryset.query.order_by)
    if not order or order[0] != "relevance_tier" or key.stop is None:
        return queryset.values("pk")[key]
    rest = order[1:]
    # Each tier's own condition, from the CASE: its WHEN and none of the earlier ones (the default: none).
    whens = [when.condition for when in queryset.query.annotations["relevance_tier"].cases]
    conditions = [Q(condition) & ~Q(*earlier, _connector=Q.OR) for condition, earlier in _with_earlier(whens)]
    conditions.append(~Q(*whens, _connector=Q.OR))
    fields = ("pk", "relevance_tier", *_order_fields(rest))
    tiers = [queryset.filter(condition).order_by(*rest).values_list(*fields)[: key.stop] for condition in conditions]
    sql, params = tiers[0].union(*tiers[1:], all=True).order_by(*order)[key].query.sql_with_params()
    # A subquery, so that the rows come in the same query; the SQL is Django's own, every value a parameter.
    return RawSQL(f'SELECT "pk" FROM ({sql}) AS page', params)  # noqa: S608, S611


def _with_earlier(items):
    return [(item, items[:index]) for index, item in enumerate(items)]


def _order_fields(order) -> list[str]:
    """The fields an order names (expressions such as F("published_at").desc() included), for a union's
    select list: a combined query can only be ordered by the columns it selects."""
    names = [item.lstrip("-") if isinstance(item, str) else item.expression.name for item in order]
    return [name for name in names if name not in ("pk", "relevance_tier")]


def relevance(text: str, field: str):
    """The weighted full-text rank plus how close `field` is to the text."""

    return SearchRank(F("search_vector"), full_text_query(text)) + TrigramWordSimilarity(text, field)


class PostgresOnly(migrations.RunSQL):
    """SQL that only PostgreSQL runs (extensions, GIN indexes); other databases skip it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
