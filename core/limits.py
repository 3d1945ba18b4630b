"""How often one person may write a kind of record: settings.DAILY_LIMITS, counted over the last 24 hours; and
how often one client may ask for something costly (`rate_exceeded`).

Inquiries, reviews and job postings each have a limit, so one account (or one email address) cannot flood
vendors, curators or the job board.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from core.client_address import client_address


def enforce_daily_limit(recent: QuerySet, *, kind: str, message: str) -> None:
    """Refuse one more write when `recent` (the actor's own rows, with `created_at`) already holds
    DAILY_LIMITS[kind] rows of the last 24 hours. `message` is what the user reads; `{limit}` in it is the limit."""
    limit = settings.DAILY_LIMITS[kind]
    if recent.filter(created_at__gte=timezone.now() - timedelta(days=1)).count() >= limit:
        raise ValidationError(message.format(limit=limit))


def rate_exceeded(request, scope: str) -> bool:
    """Count one more request of `scope` from this client (its address) and say whether it goes over
    settings.API_THROTTLE_RATES[scope] ("30/minute"): the same budget for a page and the API behind it."""
    rate = settings.API_THROTTLE_RATES.get(scope)
    if not rate:
        return False
    count, _, period = rate.partition("/")
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[period.removesuffix("s")]
    window = int(timezone.now().timestamp() // seconds)
    key = f"rate:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used > int(count)
