"""Cached insights. Each figure is cached under a version number that any change to postings, vendors or rates
bumps (insights/signals.py; bulk writes such as seed_demo call `insights_invalidate` themselves), and for at
most CACHE_SECONDS, because "published" also changes as expiry dates pass."""

import hashlib

from django.core.cache import cache

VERSION_KEY = "insights:version"
CACHE_SECONDS = 15 * 60


def insights_invalidate() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached(section: str, query: str, compute):
    version = cache.get_or_set(VERSION_KEY, 1, None)
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    key = f"insights:{section}:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
