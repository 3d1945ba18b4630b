"""Small SQL building blocks the querysets share."""

import functools
import hashlib
import json
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Aggregate, F, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import JSONArray
from django.db.models.query import ModelIterable
from django.utils import timezone

from core.pagination import COUNT_LIMIT
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


def key_in_any(parts: list[QuerySet], key: str = "pk") -> Q:
    """`key` is one of the values of any of `parts` (value lists, each typically ordered and sliced: the newest
    few hundred of a kind). On PostgreSQL one UNION ALL of the parts, each an index scan that stops, so the rows are
    then read by key; SQLite cannot slice the parts of a UNION, and gets one `IN` per part instead."""
    if len(parts) > 1 and connections[parts[0].db].features.supports_slicing_ordering_in_compound:
        return Q(**{f"{key}__in": parts[0].union(*parts[1:], all=True)})
    return functools.reduce(operator.or_, (Q(**{f"{key}__in": part}) for part in parts))


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
    count_exact = True

    def __init__(self, queryset: QuerySet, rows, count_key: str | None = None, total: int | None = None):
        self.queryset = queryset
        self.rows = rows
        self.count_key = count_key
        self.total = total  # known already (the list pages count it with the facets)

    def count(self) -> int:
        """The queryset's count, up to `COUNT_LIMIT` (`count_exact` says whether it stopped there: the rows past it
        are on no page the lists serve). With a `count_key` (a selection that is the same for everyone), a count of
        `CACHED_COUNT_MIN` or more is kept in the cache for `FACETS_CACHE_SECONDS`, like the facet counts. Smaller
        counts are cheap and always current, so a new posting never misses from a short list's last page."""
        if self.total is not None:
            return self.total
        seconds = getattr(settings, "FACETS_CACHE_SECONDS", 60)
        if self.count_key is None or not seconds:
            counted = self.counted()
        else:
            key = f"count:{self.count_key}"
            counted = cache.get(key)
            if counted is None:
                counted = self.counted()
                if counted >= CACHED_COUNT_MIN:
                    cache.set(key, counted, seconds)
        self.count_exact = counted <= COUNT_LIMIT
        return min(counted, COUNT_LIMIT)

    def counted(self) -> int:
        """The rows of the queryset, counted up to one past `COUNT_LIMIT`: a count that stops there, of keys only (a
        sliced count keeps the selected columns, and a card's JSON would be built for every row counted)."""
        return self.queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()

    def __getitem__(self, key: slice) -> list:
        return list(self.rows(self.queryset.filter(pk__in=page_keys(self.queryset, key))))


def distinct_values(model, column: str, where: str = "", params: tuple = ()) -> list:
    """The distinct non-null values of `column` of `model`'s table among the rows meeting `where` (an SQL condition
    on the table's own columns), smallest first. Read by skipping through an index whose leading columns are those
    of `where`'s equalities and then `column`: one index probe per value, so a few dozen values among a hundred
    thousand rows cost a few dozen probes instead of a scan (a recursive query: PostgreSQL and SQLite alike)."""
    connection = connections[DEFAULT_DB_ALIAS]
    table, column = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(column)
    condition = f"({where}) AND " if where else ""
    # Names quoted, `where` is the caller's own SQL, every value a parameter.
    sql = f"""
        WITH RECURSIVE found(value) AS (
            SELECT MIN({column}) FROM {table} WHERE {condition}{column} IS NOT NULL
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {condition}{column} > found.value)
            FROM found WHERE found.value IS NOT NULL
        )
        SELECT value FROM found WHERE value IS NOT NULL"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params])
        return [row[0] for row in cursor.fetchall()]


# --- Relations read as JSON with their rows -----------------------------------------------------------------------


class JSONPrefetchIterable(ModelIterable):
    """Model instances whose relations named in `queryset.query.json_prefetch` come from JSON columns of their own
    row, set as Django's `prefetch_related` would set them (`obj.services.all()` reads no more rows)."""

    def __iter__(self):
        lookups = self.queryset.query.json_prefetch
        for obj in super().__iter__():
            for lookup in lookups:
                _attach(obj, lookup.split("__"), getattr(obj, _json_name(lookup)))
            yield obj


def with_related_json(queryset: QuerySet, *lookups: str) -> QuerySet:
    """`queryset.prefetch_related(*lookups)`, in the queryset's own query: each relation (a many-to-many, the rows
    pointing at the record; then a foreign key or a many-to-many of those) is a JSON array of its rows. A page of
    records with their relations is one query, whatever the page size and however many relations.

    What is read back is exactly what `prefetch_related` would give (every concrete field, the related model's
    ordering), so templates and serializers need no change."""
    annotations = {_json_name(lookup): _related_json(queryset.model, lookup.split("__")) for lookup in lookups}
    queryset = queryset.annotate(**annotations)
    # Kept on the query, which a queryset's clones copy whole.
    queryset.query.json_prefetch = (*getattr(queryset.query, "json_prefetch", ()), *lookups)
    queryset._iterable_class = JSONPrefetchIterable
    return queryset


def _json_name(lookup: str) -> str:
    return f"json_{lookup.replace('__', '_x_')}"


def _relation(model, name: str):
    """(the related model, the field of the related model's query that leads back to `model`)."""
    field = model._meta.get_field(name)
    if field.many_to_many and not field.auto_created:  # a ManyToManyField of `model`
        return field.related_model, field.related_query_name()
    return field.related_model, field.field.name  # reverse: a foreign key or many-to-many pointing at `model`


def _row_fields(model, path: list[str]):
    """The JSON row of `model` in the relation `path` (what follows the first step): its concrete fields, a
    following foreign key's fields, a following many-to-many as a nested array."""
    fields = [F(field.attname) for field in model._meta.concrete_fields]
    if path:
        field = model._meta.get_field(path[0])
        if field.many_to_one:
            fields += [F(f"{path[0]}__{f.attname}") for f in field.related_model._meta.concrete_fields]
        else:
            fields.append(_related_json(model, path))
    return fields


def _related_json(model, path: list[str]) -> Subquery:
    related, back = _relation(model, path[0])
    rows = (
        related._default_manager.filter(**{back: OuterRef("pk")})
        .order_by()
        .values(back)
        .annotate(rows=JSONArrayAgg(JSONArray(*_row_fields(related, path[1:]))))
        .values("rows")
    )
    return Subquery(rows, output_field=TextField())


# JSON gives these fields their Python value already (numbers as int, or Decimal with parse_float; text as str).
_AS_IS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
          "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "CharField", "TextField",
          "SlugField", "EmailField", "URLField", "ForeignKey", "OneToOneField"}  # fmt: skip


@functools.cache
def _columns(model) -> tuple[list[str], list]:
    """The attnames of `model`'s concrete fields, and for each the field when its JSON value needs converting."""
    fields = model._meta.concrete_fields
    convert = [None if field.get_internal_type() in _AS_IS else field for field in fields]
    return [field.attname for field in fields], convert


def _instance(model, values: list):
    names, convert = _columns(model)
    converted = [
        value if field is None or value is None else _python_value(field, value)
        for field, value in zip(convert, values, strict=False)
    ]
    return model.from_db(None, names, converted)


def _python_value(field, value):
    value = field.to_python(value)
    if isinstance(value, datetime) and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)  # SQLite's JSON keeps UTC without the offset
    return value


def _attach(obj, path: list[str], text) -> None:
    related, _ = _relation(type(obj), path[0])
    rows = json.loads(text, parse_float=Decimal) if isinstance(text, str) else (text or [])
    width = len(related._meta.concrete_fields)
    children = []
    for row in rows:
        child = _instance(related, row[:width])
        if len(path) > 1:
            field = related._meta.get_field(path[1])
            if field.many_to_one:
                field.set_cached_value(child, _instance(field.related_model, row[width:]))
            else:
                _attach(child, path[1:], row[width])
        children.append(child)
    if len(children) > 1:
        for name in reversed(related._meta.ordering):  # the related model's order, as its own query would give
            children.sort(key=lambda child, name=name: _sort_key(child, name.lstrip("-")), reverse=name.startswith("-"))
    manager = getattr(obj, path[0])
    field = obj._meta.get_field(path[0])
    if field.one_to_many:
        for child in children:
            field.field.set_cached_value(child, obj)
    queryset = manager.get_queryset()
    queryset._result_cache = children
    queryset._prefetch_done = True
    cache_name = getattr(manager, "prefetch_cache_name", None) or field.field.remote_field.cache_name
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def _sort_key(obj, name: str):
    for part in name.split("__"):
        obj = getattr(obj, part)
    return (obj is not None, obj)


def first_rows_json(related: QuerySet, key: str, order: tuple[str, ...], limit: int) -> Subquery:
    """The first `limit` rows of `related` (in `order`) pointing at each outer row through `key`, every concrete
    field, as a JSON array: read them back with `instances_from_json`. A short list on a record's page (its
    latest reviews) then comes with the record's own row."""
    first = related.filter(**{key: OuterRef(OuterRef("pk"))}).order_by(*order).values("pk")[:limit]
    fields = [F(field.attname) for field in related.model._meta.concrete_fields]
    rows = (
        related.filter(**{key: OuterRef("pk")}, pk__in=first)
        .order_by()
        .values(key)
        .annotate(rows=JSONArrayAgg(JSONArray(*fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=TextField())


def instances_from_json(model, text, order: tuple[str, ...] = ()) -> list:
    """Instances of `model` from a JSON array of rows of its concrete fields, sorted by `order`."""
    rows = json.loads(text, parse_float=Decimal) if isinstance(text, str) else (text or [])
    found = [_instance(model, row) for row in rows]
    for name in reversed(order):
        found.sort(key=lambda obj, name=name: _sort_key(obj, name.lstrip("-")), reverse=name.startswith("-"))
    return found


def number_columns(
    connection, sql: str, params, dtypes: tuple[str, ...], chunk: int = 100_000
) -> Iterator[list[np.ndarray]]:
    """The rows of `sql` (numbers, never null) as numpy arrays, one per column of the types `dtypes` ('i4', 'i8',
    'f8'). On PostgreSQL each column comes as one binary string (`string_agg` of each value's binary form, the
    aggregates reading the rows in one order), cut straight into an array: a million rows in a fraction of a
    second, where a cursor or a COPY spends microseconds of Python on every row; elsewhere a cursor's rows,
    `chunk` at a time."""
    if connection.vendor != "postgresql":
        with connection.chunked_cursor() as stream:
            stream.execute(sql, params)
            while rows := stream.fetchmany(chunk):
                yield [
                    np.array(column, dtype=dtype) for column, dtype in zip(zip(*rows, strict=True), dtypes, strict=True)
                ]
        return
    names = [f"c{index}" for index in range(len(dtypes))]
    types = {"i4": "int4", "i8": "int8", "f8": "float8"}
    packed = ", ".join(
        f"string_agg({types[dtype]}send({name}::{types[dtype]}), ''::bytea)"
        for name, dtype in zip(names, dtypes, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), {packed} FROM ({sql}) AS t({', '.join(names)})", params)  # noqa: S608
        rows, *columns = cursor.fetchone()
    if not rows:
        return
    arrays = []
    for column, dtype in zip(columns, dtypes, strict=True):
        values = np.frombuffer(bytes(column), dtype=f">{dtype}")
        if len(values) != rows:
            raise DatabaseError("A null in a number_columns query")
        arrays.append(values.astype(dtype))
    yield arrays
