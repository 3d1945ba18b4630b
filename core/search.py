"""Full-text search on PostgreSQL: stored, weighted search vectors with GIN indexes, and typo tolerance through
trigram similarity. On SQLite the same `q` parameter falls back to "every word appears" (the querysets').

A listing's search vector is a cache of its text: it is refreshed when the listing or the rows it draws text
from change (signals in jobs/signals.py and directory/signals.py), and by each app's `refresh_*_search_vectors`
(jobs/search.py, directory/search.py) after bulk inserts such as seed_demo. This module holds what both use and
knows no app.

Words people type are not always the words listings use: "WFH" for remote work, "CSR" for a customer service
representative, "graveyard" for the night shift. Before searching, a query's words are expanded with the synonyms
curators keep in the admin (`SearchSynonym`, cached here): a phrase found in the query is replaced by "any of its
alternatives" (and the phrase itself, unless the synonym says the words typed mislead). Each app's querysets name
their scope (`search_scope`): "jobs" or "vendors".
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connection, connections, migrations
from django.db.models import BooleanField, Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from core.memo import forget, remembered
from core.models import SearchSynonym

SEARCH_CONFIG = "english"
# How close a misspelled query may be to a title or name (pg_trgm's similarity, 0 to 1).
TRIGRAM_THRESHOLD = 0.3
SYNONYMS_CACHE_KEY = "search-synonyms"
SYNONYMS_CACHE_SECONDS = 600
# The longest phrase, in words, a synonym may have.
MAX_PHRASE_WORDS = 4
_PUNCTUATION = "\"'.,;:!?()[]"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def refresh_search_vectors(model, vector, *, pks=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the `model` rows with the given `pks`, or of every
    row; `vector` returns the app's search vector expression."""
    if not is_postgresql() or not (everything or pks):
        return
    rows = model.objects.all() if everything else model.objects.filter(pk__in=list(pks))
    rows.update(search_vector=vector())


def _words(text: str) -> list[str]:
    return [word.strip(_PUNCTUATION).lower() for word in text.split()]


def synonym_table(scope: str) -> dict[tuple[str, ...], list[str]]:
    """The curators' synonyms for searches of `scope`: the phrase's words -> what to look for instead (kept in
    the process and the cache, `core.memo`, and forgotten whenever a synonym is saved or deleted:
    core/signals.py)."""
    return remembered(SYNONYMS_CACHE_KEY, _synonyms, SYNONYMS_CACHE_SECONDS).get(scope, {})


def _synonyms() -> dict[str, dict[tuple[str, ...], list[str]]]:
    table = {}
    for synonym in SearchSynonym.objects.all():
        key = tuple(_words(synonym.phrase))
        if not key:
            continue
        alternatives = ([synonym.phrase.strip().lower()] if synonym.keep_phrase else []) + [
            alternative.lower() for alternative in synonym.alternative_list()
        ]
        for each in ("jobs", "vendors") if synonym.scope == SearchSynonym.Scope.BOTH else (synonym.scope,):
            merged = table.setdefault(each, {}).setdefault(key, [])
            merged += [alternative for alternative in alternatives if alternative not in merged]
    return table


def forget_synonyms(**kwargs) -> None:
    forget(SYNONYMS_CACHE_KEY)


def expand_synonyms(text: str, scope: str | None) -> tuple[list[list[str]], str]:
    """(groups, rest): for each synonym phrase found in `text` (longest first, never an -excluded word), the list
    of what to look for, any one of which will do; and the rest of the text, as typed."""
    table = synonym_table(scope) if scope else {}
    if not table:
        return [], text
    typed = text.split()
    words = _words(text)
    groups, rest, index = [], [], 0
    while index < len(typed):
        for length in range(min(MAX_PHRASE_WORDS, len(typed) - index), 0, -1):
            key = tuple(words[index : index + length])
            if key in table and not typed[index].startswith("-"):
                groups.append(table[key])
                index += length
                break
        else:
            rest.append(typed[index])
            index += 1
    return groups, " ".join(rest)


def search_groups(text: str, scope: str | None) -> list[list[str]]:
    """Every group of words or phrases a row must match one of: each synonym found, and each other word alone
    (the "every word appears" search of SQLite)."""
    groups, rest = expand_synonyms(text, scope)
    return groups + [[word] for word in rest.split()]


def full_text_query(text: str, scope: str | None = None):
    """The query for `text` in PostgreSQL's web-search syntax, each synonym phrase found in it replaced by "any of
    its alternatives" (each a phrase)."""
    groups, rest = expand_synonyms(text, scope)
    parts = [SearchQuery(rest, search_type="websearch", config=SEARCH_CONFIG)] if rest.strip() or not groups else []
    for alternatives in groups:
        parts.append(
            reduce(or_, (SearchQuery(phrase, search_type="phrase", config=SEARCH_CONFIG) for phrase in alternatives))
        )
    return reduce(and_, parts)


def scope_of(queryset) -> str | None:
    return getattr(queryset, "search_scope", None)


# The most words of a query corrected, and the shortest and longest word kept in the vocabulary.
MAX_CORRECTED_WORDS = 8
WORD_LENGTHS = (3, 60)


def searched_words(queryset, text: str) -> str | None:
    """What a search of `queryset` for `text` looks for: the words as typed when some row matches them; else each
    word replaced by the closest word of the scope's vocabulary (`SearchWord`: the words of the public titles or
    names), by trigram similarity through the vocabulary's index ("custmer suport" finds customer support); None
    when some word has no close one at `TRIGRAM_THRESHOLD` or more (pg_trgm's `%`) or no word is long enough to
    correct. On SQLite, the words as typed.

    One query: PostgreSQL runs the vocabulary's lookup (an uncorrelated subquery, planned as an InitPlan and run
    when first needed) only when the CASE takes that branch, that is when no row matches as typed."""
    if not is_postgresql():
        return text  # SQLite searches the words as typed: it has no vocabulary of close words
    scope = scope_of(queryset)
    matching = queryset.filter(search_vector=full_text_query(text, scope)).values("pk")[:1]
    try:
        sql, params = matching.query.sql_with_params()
    except EmptyResultSet:  # no rows by construction (`none()`): nothing to match, nothing to correct
        return None
    # Shorter words than any of the vocabulary's ("a", "of") are left out of the correction; a search of nothing
    # else (or of punctuation: "%", "_") finds nothing, as it matched nothing as typed.
    words = [word.strip(_PUNCTUATION).lower() for word in text.split()][:MAX_CORRECTED_WORDS]
    words = [word for word in words if len(word) >= WORD_LENGTHS[0]]
    with connections[queryset.db].cursor() as cursor:
        # `%` (pg_trgm's default limit, 0.3) is what the index serves; the threshold is checked as well.
        cursor.execute(
            f"SELECT CASE WHEN EXISTS ({sql}) THEN NULL ELSE ARRAY("  # noqa: S608 - Django's own SQL, with params
            "SELECT (SELECT w.word FROM core_searchword w WHERE w.scope = %s AND w.word %% q.word "
            "AND similarity(w.word, q.word) >= %s ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n) ORDER BY q.n) END",
            [*params, scope or "", TRIGRAM_THRESHOLD, words],
        )
        found = cursor.fetchone()[0]
    if found is None:
        return text
    return None if not found or None in found else " ".join(found)


def vector_or_close_words(queryset, text: str, *, exact: bool = False):
    """Rows whose search vector matches `text`, as typed when `exact` (the caller found out already), else as
    `searched_words` decides; none when a word has no close one."""
    if not exact:
        text = searched_words(queryset, text)
    if text is None:
        return queryset.filter(pk__isnull=True)  # nothing, as SQL (none() cannot be part of another query)
    return queryset.filter(search_vector=full_text_query(text, scope_of(queryset)))


def refresh_search_words(public, field: str, *, pks=None, everything: bool = False) -> None:
    """Add the words of `field` of the `public` rows (those with the given `pks`, or all) to their scope's
    vocabulary (`SearchWord`, PostgreSQL only): lower case, split at anything but letters and digits. Only public
    text: a word of a draft is never offered."""
    if not is_postgresql() or not (everything or pks):
        return
    rows = public if everything else public.filter(pk__in=list(pks))
    sql, params = rows.order_by().values(field).distinct().query.sql_with_params()
    shortest, longest = WORD_LENGTHS
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_searchword (scope, word) SELECT DISTINCT %s, w FROM "  # noqa: S608
            f"(SELECT regexp_split_to_table(lower(t.{field}), '[^[:alnum:]]+') AS w FROM ({sql}) t) s "
            "WHERE length(w) BETWEEN %s AND %s ON CONFLICT (scope, word) DO NOTHING",
            [public.search_scope, *params, shortest, longest],
        )


# The relevance tiers of a search: every word in the title (tier 0), then every other match (tier 1).
TIER_COUNT = 2


def relevance_tier(text: str, title: str = "title", scope: str | None = None):
    """0 when every word of `text` is in the title, else 1 (see TIER_COUNT).

    Searches order by this tier, then newest first. Unlike a rank computed from every match, this order lets
    PostgreSQL stop early: each tier is read newest first from the list's index, so a page needs at most
    offset + page size rows of each tier (`page_keys`), however many rows match. The title tier is the title's
    own text-search vector (the A part of the stored one), read through its GIN index (jobs migration 0010), so
    it costs what the matching titles cost. A finer tier (skills, employer, city through ts_filter) was tried
    and dropped: the planner cannot estimate it, and for a common phrase it then sorted every match."""

    in_title = SearchVectorExact(SearchVector(title, config=SEARCH_CONFIG), full_text_query(text, scope))
    return Case(When(Q(in_title), then=Value(0)), default=Value(TIER_COUNT - 1), output_field=IntegerField())


def _keys_sql(keys) -> tuple[str, tuple]:
    """The SQL of what `page_keys` gives: a raw subquery, or a queryset of keys."""
    if isinstance(keys, RawSQL):
        return keys.sql, tuple(keys.params)
    sql, params = keys.query.sql_with_params()
    return sql, tuple(params)


def key_list(keys, using: str = DEFAULT_DB_ALIAS) -> list:
    """The primary keys `page_keys` selects, read in one query."""
    try:
        sql, params = _keys_sql(keys)
    except EmptyResultSet:  # none by construction
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def key_list_and_count(keys, counted, limit: int, using: str = DEFAULT_DB_ALIAS) -> tuple[list, int]:
    """The primary keys `page_keys` selects, and the rows of the queryset `counted` up to `limit` (a count that
    stops there), read in one query on PostgreSQL (two elsewhere)."""
    capped = counted.order_by().values("pk")[:limit]
    if not is_postgresql():
        return key_list(keys, using), capped.count()
    try:
        keys_sql, keys_params = _keys_sql(keys)
        count_sql, count_params = capped.query.sql_with_params()
    except EmptyResultSet:  # none by construction
        return key_list(keys, using), capped.count()
    with connections[using].cursor() as cursor:
        cursor.execute(
            f'SELECT ARRAY(SELECT "pk" FROM ({keys_sql}) AS k), (SELECT COUNT(*) FROM ({count_sql}) AS c)',  # noqa: S608
            (*keys_params, *count_params),
        )
        found, count = cursor.fetchone()
    return list(found), count


def page_keys(queryset, key: slice):
    """A subquery of the primary keys of rows `key` of `queryset`; for a queryset ordered by relevance tier
    (`relevance_tier`), one that reads them tier by tier.

    Why the tiered read is exact: the order is (tier, then the rest of the queryset's order), and the tiers are
    disjoint. A row among the first `stop` rows of the whole order has fewer than `stop` rows before it in its
    own tier, so it is among the first `stop` rows of its tier. Reading the first `stop` rows of each tier
    (each one an index-ordered read that stops there, or an index lookup when the tier is small) and ordering
    those few therefore gives exactly the rows the whole order would put at `key`."""

    order = list(queryset.query.order_by)
    if not order or order[0] != "relevance_tier" or key.stop is None or key.stop <= (key.start or 0):
        # An empty page (a search matching nothing here) has no tiers to read: a union of empty slices would be
        # one sliced query, which cannot be ordered.
        return queryset.values("pk")[key]
    rest = order[1:]
    # Each tier's own condition, from the CASE: its WHEN and none of the earlier ones (the default: none).
    whens = [when.condition for when in queryset.query.annotations["relevance_tier"].cases]
    conditions = [Q(condition) & ~Q(*earlier, _connector=Q.OR) for condition, earlier in _with_earlier(whens)]
    conditions.append(~Q(*whens, _connector=Q.OR))
    fields = ("pk", "relevance_tier", *_order_fields(rest))
    tiers, earlier = [], []
    for condition in conditions:
        tier = queryset.filter(condition).order_by(*rest)
        if earlier:
            # A tier is read only when the earlier ones hold fewer than `stop` rows: otherwise the page is theirs,
            # and a tier with few rows (a word found in every title it is in) would walk the whole index for none.
            # Counted unordered, up to `stop`: the count is the same, and the read stops as soon as it has them.
            earlier_sql, earlier_params = earlier[0].union(*earlier[1:], all=True).query.sql_with_params()
            gate = RawSQL(  # noqa: S611
                f"(SELECT COUNT(*) FROM ({earlier_sql}) AS earlier) < %s",  # noqa: S608
                (*earlier_params, key.stop),
                output_field=BooleanField(),
            )
            tier = tier.filter(gate)
        earlier.append(queryset.filter(condition).order_by().values("pk")[: key.stop])
        tiers.append(tier.values_list(*fields)[: key.stop])
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


def relevance(text: str, field: str, scope: str | None = None):
    """The weighted full-text rank plus how close `field` is to the text."""

    return SearchRank(F("search_vector"), full_text_query(text, scope)) + TrigramWordSimilarity(text, field)


class PostgresOnly(migrations.RunSQL):
    """SQL that only PostgreSQL runs (extensions, GIN indexes); other databases skip it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
