"""Figures counted from many rows ahead of the requests that read them, kept current in the background.

A `KeptSummary` is counted by a function of the database (a facet cube, a pay ledger, a demand table), stored
packed in one row of `core.models.Summary` under its name, and kept by each process for as long as that row is
the latest: a request reads the process's copy (no query), or the newer row once (one query). When the copy a
request reads is older than the summary's `fresh_seconds`, it has it counted again:

- `task` (the setting `FACETS_SUMMARY_REFRESH`; the production default): by the task worker (`db_worker`,
  `count_summary` below), so that a web process only ever loads summaries: counting a million postings takes
  seconds of Python and some 400 MB, which a web worker must not hold. The request answers from the previous copy.
- `background` (the default outside production, where no worker may run): in a thread of the web process.
- `inline` (for tests): before the request answers.
- `off`: never; `current()` is None and the callers count the rows themselves (the test suite's default).

A lock in the cache keeps each summary to one count at a time across processes, and a row lock in the database to
one writer; readers are never blocked, they see the previous row until the new one is committed. The cache also
holds when the latest row was counted, so that a process learns of a new one without reading it. When the cache
has been emptied (Redis restarted), a process answers from its copy while the copy is fresh, asks the database
for the latest row at most every `ASK_SECONDS`, and queues at most one count a period.
"""

from __future__ import annotations

import io
import logging
import threading
import time
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.tasks import task
from django.utils import timezone

from core.models import Summary
from core.page_cache import content_version, summary_counted
from core.sql import statement_timeout_lifted

logger = logging.getLogger(__name__)


LOCK_SECONDS = 300  # longer than any count; a process killed while counting frees it then
# With the cache emptied, a process asks the database whether its copy is still the latest at most this often.
ASK_SECONDS = 10


def pack_arrays(arrays: dict[str, np.ndarray]) -> bytes:
    """Named numpy arrays as the bytes of a summary's row: an `.npz` (what `np.load` reads), deflated at level 1.
    `np.savez_compressed`'s level 6 took 1.1 s of a facet cube's 12.8 s count for a row about a tenth smaller."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as packed:
        for name, array in arrays.items():
            with packed.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def unpack_arrays(data: bytes):
    """The named arrays `pack_arrays` stored (read as each is asked for; no pickled objects)."""
    return np.load(io.BytesIO(bytes(data)), allow_pickle=False)


def refresh_mode() -> str:
    return getattr(settings, "FACETS_SUMMARY_REFRESH", "background")


class KeptSummary[T]:
    """One named summary: `count(now)` returns its packed bytes and how many rows it holds (counted in one
    transaction, with no statement time limit); `load(built_at, data)` unpacks them into the object readers use.
    Every summary is listed in `KeptSummary.every` under its name (the command `count_summaries` counts them)."""

    every: dict[str, KeptSummary] = {}

    def __init__(
        self,
        name: str,
        *,
        count: Callable[[datetime], tuple[bytes, int]],
        load: Callable[[datetime, bytes], T],
        fresh_seconds: Callable[[], float],
    ):
        self.name = name
        self.count = count
        self.load = load
        self.fresh_seconds = fresh_seconds
        self.built_at_key = f"{name}:built-at"
        self.lock_key = f"{name}:lock"
        self._lock = threading.Lock()
        self._copy: T | None = None  # this process's copy of the latest row
        self._asked_at: float | None = None  # when this process last asked the database which row is the latest
        self._queued_at: float | None = None  # when this process last queued a count
        KeptSummary.every[name] = self

    def current(self) -> T | None:
        """The latest summary (None: none yet, or turned off), counted again when it is no longer fresh."""
        if refresh_mode() == "off":
            return None
        rows = Summary.objects.filter(name=self.name)
        with self._lock:
            built_at = cache.get(self.built_at_key)
            copy = self._copy
            if copy is not None and built_at is None and self._asked_lately():
                # The cache was emptied, and the database said a moment ago that this process's copy is the
                # latest: it answers from it (no query), and offers it to the cache, never put over what another
                # process has set meanwhile.
                cache.add(self.built_at_key, copy.built_at, None)
            elif copy is not None and built_at is None and self._fresh(copy.built_at):
                pass  # the cache was emptied, and the copy is still fresh by its own age: it answers (no query)
            elif built_at is None or copy is None or copy.built_at != built_at:
                if copy is not None and built_at is None:  # the cache was emptied: is ours still the latest?
                    built_at = rows.values_list("built_at", flat=True).first()
                if copy is None or copy.built_at != built_at:
                    # The old copy goes before the new one is unpacked, not after: a worker holds one at a time.
                    copy = self._copy = None
                    row = rows.values_list("built_at", "data").first()
                    copy = self._copy = self.load(*row) if row else None
                    del row  # its packed bytes
                self._asked_at = time.monotonic()
                if copy is not None:
                    cache.set(self.built_at_key, copy.built_at, None)
        counted = self.refresh_if_stale(copy.built_at if copy is not None else None)
        if counted is not None and (copy is None or counted != copy.built_at):
            cache.delete(self.built_at_key)  # what it holds is set once the new count is committed
            return self.current()  # counted just now, before answering (inline): read that one
        return copy

    def _fresh(self, built_at: datetime, now: datetime | None = None) -> bool:
        return (now or timezone.now()) - built_at < timedelta(seconds=self.fresh_seconds())

    def _asked_lately(self) -> bool:
        """Whether this process asked the database for the latest row less than `ASK_SECONDS` ago (the cache,
        which says when a newer one is counted, being empty)."""
        return self._asked_at is not None and time.monotonic() - self._asked_at < ASK_SECONDS

    def _queued_lately(self) -> bool:
        """Whether this process queued a count less than `fresh_seconds` ago: with the cache emptied (and its
        lock with it), a stale summary is queued once a period by each process, not once a request."""
        return self._queued_at is not None and time.monotonic() - self._queued_at < self.fresh_seconds()

    def refresh_if_stale(self, built_at: datetime | None, now: datetime | None = None) -> datetime | None:
        """Start counting the summary again if it was counted (`built_at`) longer than `fresh_seconds` ago, or
        never. Returns when the summary to read now was counted (None: there is none yet)."""
        mode = refresh_mode()
        if mode == "off":
            return None
        now = now or timezone.now()
        if built_at is not None and self._fresh(built_at, now):
            return built_at
        if mode == "task" and self._queued_lately():
            return built_at  # queued by this process a moment ago
        if not cache.add(self.lock_key, 1, LOCK_SECONDS):
            return built_at  # another request is counting it
        if mode == "inline":
            try:
                return self.refresh()
            finally:
                cache.delete(self.lock_key)
        if mode == "task":
            try:
                count_summary.enqueue(self.name)
                self._queued_at = time.monotonic()
            except Exception:
                cache.delete(self.lock_key)
                logger.exception("Queueing the count of the summary %s failed; the previous one stays", self.name)
            return built_at
        threading.Thread(target=self._refresh_in_background, name=self.name, daemon=True).start()
        return built_at

    def count_queued(self) -> bool:
        """The task worker's part (`count_summary`): count the summary unless a count committed since it was
        queued made it fresh (several may be queued while no worker runs, or run by several workers at once),
        then free the lock. Returns whether it counted."""
        try:
            return self.refresh(unless_fresh=True) is not None
        finally:
            cache.delete(self.lock_key)

    def _refresh_in_background(self) -> None:
        try:
            self.refresh()
        except Exception:
            logger.exception("Counting the summary %s failed; the previous one stays", self.name)
        finally:
            cache.delete(self.lock_key)
            connections.close_all()  # this thread's own connections

    def refresh(self, now: datetime | None = None, unless_fresh: bool = False) -> datetime | None:
        """Count the summary and store it in place of the previous one, in one transaction. Returns when it was
        counted; with `unless_fresh`, None when the row is still fresh once this writer holds it (another
        counted it meanwhile), and nothing is counted."""
        started = time.monotonic()
        with statement_timeout_lifted(), transaction.atomic():
            # One writer at a time: the others wait here, then count again (their rows may be newer), unless
            # the count they waited for is fresh enough.
            Summary.objects.get_or_create(name=self.name, defaults={"built_at": timezone.now(), "data": b""})
            held = Summary.objects.select_for_update().only("built_at", "seconds").get(name=self.name)
            now = now or timezone.now()
            counted = held.seconds > 0  # not the empty row get_or_create just made
            if unless_fresh and counted and self._fresh(held.built_at, now):
                return None
            content_before = content_version()
            data, size = self.count(now)
            seconds = time.monotonic() - started
            Summary.objects.filter(name=self.name).update(built_at=now, seconds=seconds, size=size, data=data)
            self.forget()  # this process's copy is older than the row now
            transaction.on_commit(lambda: self._committed(now, content_before))
        logger.info("Summary %s: %s rows counted in %.1f s", self.name, size, time.monotonic() - started)
        return now

    def _committed(self, built_at: datetime, content_before: str) -> None:
        """The new row is committed: the processes learn of it, then the kept pages do if the public content
        changed since the previous count (`core.page_cache.summary_counted`)."""
        cache.set(self.built_at_key, built_at, None)
        summary_counted(self.name, content_before)

    def forget(self) -> None:
        """Drop this process's copy, and what it remembers of asking and queueing (tests)."""
        with self._lock:
            self._copy = self._asked_at = self._queued_at = None


@task()
def count_summary(name: str) -> bool:
    """Count one kept summary again in the task worker (`FACETS_SUMMARY_REFRESH=task`), so that no web process
    holds the memory and the seconds of Python a count takes. Returns whether it counted (False: a count
    committed since it was queued had already made it fresh)."""
    return KeptSummary.every[name].count_queued()
