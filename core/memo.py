"""Small tables that rarely change (the vocabularies of the filters, the search synonyms), kept in each process
for a minute on top of the shared cache.

A request then spends none of its few queries on them, even when the shared cache has just been emptied (Redis
restarted or full, the benchmark's cold rounds). A change forgets the entry at once in the process that made it
and in the shared cache; the other processes see it within `LOCAL_SECONDS`.
"""

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

LOCAL_SECONDS = 60

_kept: dict[str, tuple[float, object]] = {}  # key -> (monotonic time it is kept until, value)


def remembered[T](key: str, compute: Callable[[], T], seconds: int) -> T:
    """The value under `key`: this process's copy while it is under `LOCAL_SECONDS` old, else the shared cache's,
    else `compute()` (kept in the shared cache for `seconds`)."""
    now = time.monotonic()
    held = _kept.get(key)
    if held is not None and held[0] > now:
        return held[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    _kept[key] = (now + min(seconds, LOCAL_SECONDS), value)
    return value


def forget(*keys: str) -> None:
    """Drop `keys` here and from the shared cache (a term or synonym was saved or deleted): at once, and again
    when the transaction commits, so that a copy read by another process before the commit does not stay."""

    def drop():
        for key in keys:
            _kept.pop(key, None)
        cache.delete_many(keys)

    drop()
    transaction.on_commit(drop)


def forget_everything_here() -> None:
    """Drop every copy of this process (tests: each starts with an empty cache)."""
    _kept.clear()
