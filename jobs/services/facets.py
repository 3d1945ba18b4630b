"""The facet summary of the public job list (`jobs.facets.FacetCube`, kept in `JobFacetSummary`): counted again in
one transaction, from the open postings, when it is half a minute old.

A request whose counts the summary answers (`JobFilter.summary_rows`) reads it as it is and, when it is
older than half of `FACETS_CACHE_SECONDS`, has it counted again: in a thread of its own, so that no visitor waits
the few seconds a million postings take (`FACETS_SUMMARY_REFRESH=background`, the default), or before it answers
(`inline`, for tests), or never (`off`: the counts come from the postings themselves). A lock in the cache keeps
it to one count at a time across processes, and a row lock in the database to one writer. Readers are never
blocked: they see the previous cells until the new ones are committed.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F, Func, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from core.facets import vocabulary_terms
from core.sql import statement_timeout_lifted
from jobs.facets import COLUMNS, RELATIONS, TERM_VALUE, FacetCubeBuilder
from jobs.models import JobFacetSummary, JobPosting
from jobs.querysets import employer_kind, posted_band

logger = logging.getLogger(__name__)

# The columns of a cell that are the posting's own fields (the other two are computed: see `_scan`).
FIELDS = tuple(column for column in COLUMNS if column not in ("employer_kind", "posted_within"))
BUILT_AT_KEY = "jobs:facet-summary:built-at"
LOCK_KEY = "jobs:facet-summary:lock"
LOCK_SECONDS = 300  # longer than any count; a process killed while counting frees it then
SCAN_TABLE = "jobs_facet_cell_scan"
CHUNK = 5000  # rows read at a time


def job_facet_summary_refresh_if_stale(built_at: datetime | None, now: datetime | None = None) -> datetime | None:
    """Start counting the summary again if it was counted (`built_at`) more than half of `FACETS_CACHE_SECONDS`
    ago, or never. Returns when the summary to read now was counted (None: there is none yet; count the
    postings)."""
    mode = getattr(settings, "FACETS_SUMMARY_REFRESH", "background")
    if mode == "off":
        return None
    now = now or timezone.now()
    fresh_for = timedelta(seconds=max(getattr(settings, "FACETS_CACHE_SECONDS", 60) // 2, 1))
    if built_at is not None and now - built_at < fresh_for:
        return built_at
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        return built_at  # another request is counting it
    if mode == "inline":
        try:
            return job_facet_summary_refresh()
        finally:
            cache.delete(LOCK_KEY)
    threading.Thread(target=_refresh_in_background, name="job-facet-summary", daemon=True).start()
    return built_at


def _refresh_in_background() -> None:
    try:
        job_facet_summary_refresh()
    except Exception:
        logger.exception("Counting the job facet summary failed; the previous counts stay")
    finally:
        cache.delete(LOCK_KEY)
        connections.close_all()  # this thread's own connections


def job_facet_summary_refresh(now: datetime | None = None) -> datetime:
    """Count the open postings per cell, and per cell and skill or language (`jobs.facets`), and store them as the
    summary, replacing the previous one in one transaction. Returns when they were counted."""
    started = time.monotonic()
    now = now or timezone.now()
    with statement_timeout_lifted(), transaction.atomic():
        connection = connections[JobFacetSummary.objects.db]
        # One writer at a time: the others wait here, then count again (their postings may be newer).
        summary = JobFacetSummary.objects.select_for_update().order_by("pk").first()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute(f"DROP TABLE IF EXISTS {SCAN_TABLE}")
            # Each open posting once, with its columns and its cell's key (all of them as text, joined): the
            # cells and their pairs are then groupings of this table by one column.
            scan, params = _scan(now).query.sql_with_params()
            cursor.execute(f"CREATE TEMPORARY TABLE {SCAN_TABLE} AS {scan}", params)
        builder = FacetCubeBuilder()
        # Streamed (a server-side cursor on PostgreSQL): a client-side one holds every row in the driver.
        with connection.chunked_cursor() as stream:
            stream.execute(
                f"SELECT cell, {', '.join(COLUMNS[:-1])}, NULLIF(posted_within, 0), COUNT(*) "  # noqa: S608
                f"FROM {SCAN_TABLE} GROUP BY cell, {', '.join(COLUMNS)}"
            )
            while rows := stream.fetchmany(CHUNK):
                builder.add_cells(rows)
        for relation, key in RELATIONS.items():
            table = JobPosting._meta.get_field(f"{relation}s").remote_field.through._meta.db_table
            with connection.chunked_cursor() as stream:
                stream.execute(
                    f"SELECT s.cell, r.{key}, COUNT(*) FROM {SCAN_TABLE} s "  # noqa: S608
                    f"INNER JOIN {table} r ON r.job_posting_id = s.posting GROUP BY s.cell, r.{key}"
                )
                while rows := stream.fetchmany(CHUNK):
                    builder.add_pairs(relation, rows)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {SCAN_TABLE}")
        terms = {
            relation: vocabulary_terms(
                JobPosting._meta.get_field(f"{relation}s").related_model._default_manager.all(), TERM_VALUE[relation]
            )
            for relation in RELATIONS
        }
        cube = builder.build(now, terms)
        fields = {"built_at": now, "seconds": time.monotonic() - started, "cells": cube.cells, "data": cube.to_bytes()}
        if summary is None:
            JobFacetSummary.objects.create(**fields)
        else:
            JobFacetSummary.objects.filter(pk=summary.pk).update(**fields)
        transaction.on_commit(lambda: cache.set(BUILT_AT_KEY, now, None))
    logger.info("Job facet summary: %s cells counted in %.1f s", cube.cells, time.monotonic() - started)
    return now


class CellKey(Func):
    """The values of a cell's columns (none of them null) as one text, `|` between them: a flat `||` chain, where
    Django's `Concat` nests a COALESCE per value (deeper than SQLite's parser goes for twelve)."""

    arg_joiner = " || '|' || "
    template = "(%(expressions)s)"
    output_field = TextField()


def _scan(now: datetime):
    """Each open posting with its columns (`posted_within` 0: older than every band) and its cell's key."""
    band, kind = posted_band(now, older=0), employer_kind()
    key = CellKey(*(Cast(F(name), TextField()) for name in FIELDS), kind, Cast(band, TextField()))
    return (
        JobPosting.objects.published(now)
        .order_by()
        .values(*FIELDS, posting=F("pk"), employer_kind=kind, posted_within=band, cell=key)
    )
