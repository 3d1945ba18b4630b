"""How often one person may write a kind of record: settings.DAILY_LIMITS, counted over the last 24 hours.

Inquiries, reviews and job postings each have a limit, so one account (or one email address) cannot flood
vendors, curators or the job board.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone


def enforce_daily_limit(recent: QuerySet, *, kind: str, message: str) -> None:
    """Refuse one more write when `recent` (the actor's own rows, with `created_at`) already holds
    DAILY_LIMITS[kind] rows of the last 24 hours. `message` is what the user reads; `{limit}` in it is the limit."""
    limit = settings.DAILY_LIMITS[kind]
    if recent.filter(created_at__gte=timezone.now() - timedelta(days=1)).count() >= limit:
        raise ValidationError(message.format(limit=limit))
