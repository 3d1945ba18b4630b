"""Small SQL building blocks the querysets share."""

import json

from django.db.models import Aggregate, F, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import JSONArray


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


class PagedRows:
    """A queryset as a paginator's object list, for pages whose rows are costly to build (aggregated relations):
    `count()` counts the queryset; a slice picks the page's keys in the queryset's order, then builds only those
    rows with `rows(queryset)`, in one query. Built in one query with the slice, the costly columns would be
    computed for every row an OFFSET skips as well."""

    ordered = True

    def __init__(self, queryset: QuerySet, rows):
        self.queryset = queryset
        self.rows = rows

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, key: slice) -> list:
        return list(self.rows(self.queryset.filter(pk__in=self.queryset.values("pk")[key])))
