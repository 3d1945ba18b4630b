"""The facet summary of the public job list (`jobs.facets.FacetCube`), a `core.summaries.KeptSummary`: counted
from the open postings in one transaction when it is half of `FACETS_CACHE_SECONDS` old (half a minute)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import connections
from django.db.models import F, Func, TextField
from django.db.models.functions import Cast

from core.facets import vocabulary_terms
from core.models import Summary
from core.sql import number_columns
from core.summaries import KeptSummary
from jobs.facets import COLUMNS, RELATIONS, TERM_VALUE, FacetCube, FacetCubeBuilder
from jobs.models import JobPosting
from jobs.querysets import employer_kind, posted_band

# The columns of a cell that are the posting's own fields (the other two are computed: see `open_posting_cells`).
FIELDS = tuple(column for column in COLUMNS if column not in ("employer_kind", "posted_within"))
SCAN_TABLE = "jobs_facet_cell_scan"
CHUNK = 5000  # rows read at a time


def _count(now: datetime) -> tuple[bytes, int]:
    """The open postings counted per cell, with each one's cell and skills and languages (`jobs.facets`),
    packed."""
    connection = connections[Summary.objects.db]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute(f"DROP TABLE IF EXISTS {SCAN_TABLE}")
        # Each open posting once, with its columns and its cell's key (all of them as text, joined): the
        # cells are then a grouping of this table by that key.
        scan, params = open_posting_cells(now).query.sql_with_params()
        cursor.execute(f"CREATE TEMPORARY TABLE {SCAN_TABLE} AS {scan}", params)
    builder = FacetCubeBuilder()
    # Streamed (a server-side cursor on PostgreSQL): a client-side one holds every row in the driver.
    with connection.chunked_cursor() as stream:
        stream.execute(
            f"SELECT cell, {', '.join(COLUMNS[:-1])}, NULLIF(posted_within, 0), COUNT(*) "  # noqa: S608
            f"FROM {SCAN_TABLE} GROUP BY cell, {', '.join(COLUMNS)} ORDER BY cell"
        )
        while rows := stream.fetchmany(CHUNK):
            builder.add_cells(rows)
    # Each posting's cell, by its position in the order the cells were read (by key), and its skills and
    # languages: what a selection by skill or language counts.
    positions = (
        f"SELECT s.posting, c.position FROM {SCAN_TABLE} s INNER JOIN ("  # noqa: S608 - own SQL
        "SELECT cell, ROW_NUMBER() OVER (ORDER BY cell) - 1 AS position "
        f"FROM (SELECT DISTINCT cell FROM {SCAN_TABLE}) d) c ON c.cell = s.cell"
    )
    for columns in number_columns(connection, positions, (), ("i8", "i4"), chunk=500_000):
        builder.add_posting_cells(columns)
    for relation, columns in requirement_pairs(connection):
        builder.add_posting_terms(relation, columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {SCAN_TABLE}")
    cube = builder.build(now, relation_terms())
    return cube.to_bytes(), cube.cells


def requirement_pairs(connection):
    """(relation, [posting ids, term ids]) of every skill and language requirement, open postings or not, as
    number arrays a chunk at a time. A summary passes over the postings it does not hold as it sets their bits
    (`TermBitsBuilder.rows_of`): cheaper than joining the ones it holds (1.0 s against 2.3 s for 3.4 million
    skill requirements)."""
    for relation, key in RELATIONS.items():
        table = JobPosting._meta.get_field(f"{relation}s").remote_field.through._meta.db_table
        pairs = f"SELECT job_posting_id, {key} FROM {table}"  # noqa: S608 - own SQL
        for columns in number_columns(connection, pairs, (), ("i8", "i4"), chunk=500_000):
            yield relation, columns


def relation_terms() -> dict[str, list[tuple[str, str, int]]]:
    """Each related vocabulary (skills, languages) as `core.facets.vocabulary_terms` gives it."""
    return {
        relation: vocabulary_terms(
            JobPosting._meta.get_field(f"{relation}s").related_model._default_manager.all(), TERM_VALUE[relation]
        )
        for relation in RELATIONS
    }


job_facet_summary = KeptSummary(
    "jobs:facet-summary",
    count=_count,
    load=FacetCube.from_bytes,
    fresh_seconds=lambda: max(getattr(settings, "FACETS_CACHE_SECONDS", 60) // 2, 1),
)


def job_facet_summary_refresh(now: datetime | None = None) -> datetime:
    """Count the summary now and store it (the command `count_summaries`, the tests)."""
    return job_facet_summary.refresh(now)


class CellKey(Func):
    """The values of a cell's columns (none of them null) as one text, `|` between them: a flat `||` chain, where
    Django's `Concat` nests a COALESCE per value (deeper than SQLite's parser goes for twelve)."""

    arg_joiner = " || '|' || "
    template = "(%(expressions)s)"
    output_field = TextField()


def open_posting_cells(now: datetime, postings=None):
    """Each open posting (of `postings`, the published ones by default) with the cube's columns
    (`posted_within` 0: older than every band) and its cell's key."""
    band, kind = posted_band(now, older=0), employer_kind()
    key = CellKey(*(Cast(F(name), TextField()) for name in FIELDS), kind, Cast(band, TextField()))
    postings = JobPosting.objects.published(now) if postings is None else postings
    return postings.order_by().values(*FIELDS, posting=F("pk"), employer_kind=kind, posted_within=band, cell=key)
