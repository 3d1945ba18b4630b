"""Small SQL building blocks the querysets share."""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Aggregate, F, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import JSONArray

from core.search import page_keys


@contextmanager
def statement_timeout_lifted(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Within this block the connection's statements have no time limit (DATABASE_STATEMENT_TIMEOUT_MS is for
    requests): for commands that legitimately run long, migrations and seeding. The session's own limit comes
    back afterwards. Nothing to do on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")  # back to the connection's -c statement_timeout
        except DatabaseError:
            pass  # the session is broken, and its setting gone with it


class JSONArrayAgg(Aggregate):
    """The rows of a group as one JSON array, as text: json_agg on PostgreSQL, json_group_array on SQLite."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_AGG", template="%(function)s(%(expressions)s)::text")


def related_json_rows(related: QuerySet, key: str, *fields: str) -> Subquery:
    """A subquery giving, for each outer row, the `fields` of its `related` rows (joined on `key` to the outer
    primary key) as a JSON array of arrays; NULL when there are none. Read it back with `json_rows`."""
    return Subquery(
        related.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(rows=JSONArrayAgg(JSONArray(*(F(name) for name in fields))))
        .values("rows")
    )


def json_rows(text: str | None) -> list:
    return json.loads(text) if text else []


# Totals from this size up are cached (PagedRows.count); the last of 100 or more pages may lag by a minute.
CACHED_COUNT_MIN = 10_000


def selection_key(scope: str, params) -> str:
    """A cache key for the records a list shows under `params` (a QueryDict), whatever the page and order."""
    selection = sorted(
        (name, sorted(values)) for name, values in params.lists() if name not in ("page", "page_size", "ordering")
    )
    return hashlib.sha256(repr((scope, selection)).encode()).hexdigest()


class PagedRows:
    """A queryset as a paginator's object list, for pages whose rows are costly to build (aggregated relations):
    `count()` counts the queryset; a slice picks the page's keys in the queryset's order, then builds only those
    rows with `rows(queryset)`, in one query. Built in one query with the slice, the costly columns would be
    computed for every row an OFFSET skips as well."""

    ordered = True

    def __init__(self, queryset: QuerySet, rows, count_key: str | None = None):
        self.queryset = queryset
        self.rows = rows
        self.count_key = count_key

    def count(self) -> int:
        """The queryset's count. With a `count_key` (a selection that is the same for everyone), a count of
        `CACHED_COUNT_MIN` or more is kept in the cache for `FACETS_CACHE_SECONDS`, like the facet counts:
        counting 400,000 matches of a common search takes longer than building the page. Smaller counts are
        cheap and always current, so a new posting never misses from a short list's last page."""
        seconds = getattr(settings, "FACETS_CACHE_SECONDS", 60)
        if self.count_key is None or not seconds:
            return self.queryset.count()
        key = f"count:{self.count_key}"
        count = cache.get(key)
        if count is None:
            count = self.queryset.count()
            if count >= CACHED_COUNT_MIN:
                cache.set(key, count, seconds)
        return count

    def __getitem__(self, key: slice) -> list:
        return list(self.rows(self.queryset.filter(pk__in=page_keys(self.queryset, key))))
