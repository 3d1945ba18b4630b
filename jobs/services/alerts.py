"""Saved-search alerts: a job seeker saves a filtered job search; a daily or weekly digest emails the postings
published since the last one that match it, never the same posting twice, with a one-click unsubscribe link.

`jobs.tasks.alerts_enqueue_due` (run from cron through `manage.py send_job_alerts`) puts one task per due saved
search on the django.tasks queue; a worker (`make worker`) sends them. A failed send is retried (up to
MAX_ATTEMPTS, each later than the last) without holding up the other digests, and a posting is recorded as sent
only once the email has gone.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from core.mail import templated_email
from jobs.filters import JobFilter
from jobs.models import AlertDelivery, JobPosting, SavedSearch

UNSUBSCRIBE_SALT = "jobs.services.alerts.unsubscribe"
PERIODS = {SavedSearch.Frequency.DAILY: timedelta(days=1), SavedSearch.Frequency.WEEKLY: timedelta(days=7)}
DIGEST_SIZE = 30
MAX_ATTEMPTS = 3


def canonical_query(query: str) -> str:
    """The query string with only what the job search understands, in a stable order (so that one search saved
    twice is found as the same one). Invalid filters are refused."""

    data = QueryDict(query, mutable=True)
    for key in ("page", "page_size", "ordering"):
        data.pop(key, None)
    filterset = JobFilter(data, queryset=JobPosting.objects.none())
    unknown = sorted(set(data) - set(filterset.filters))
    if unknown:
        raise ValidationError({"query": f"Not a job search filter: {', '.join(unknown)}."})
    if not filterset.is_valid():
        raise ValidationError({"query": "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())})
    pairs = sorted(
        (key, value.upper() if key == "country" else value) for key in data for value in data.getlist(key) if value
    )
    canonical = QueryDict(mutable=True)
    for key, value in pairs:
        canonical.appendlist(key, value)
    return canonical.urlencode()


def saved_search_create(*, user, query: str, frequency: str) -> tuple[SavedSearch, bool]:
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError({"frequency": "daily or weekly."})
    query = canonical_query(query)
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(user=user, query=query, frequency=frequency), True
    except IntegrityError:
        saved = SavedSearch.objects.get(user=user, query=query)
        if saved.frequency != frequency:
            saved.frequency = frequency
            saved.save(update_fields=["frequency"])
        return saved, False


def unsubscribe_token(saved_search: SavedSearch) -> str:
    return signing.dumps(saved_search.pk, salt=UNSUBSCRIBE_SALT)


def saved_search_unsubscribe(*, token: str) -> bool:
    """The emailed link's action; needs no login. True if a saved search was removed."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError("This unsubscribe link is not valid.") from error
    deleted, _ = SavedSearch.objects.filter(pk=pk).delete()
    return bool(deleted)


def digest_postings(saved_search: SavedSearch, now=None):
    """Open postings matching the search, published since the last digest (or the search was saved) and never
    sent to it before; newest first."""

    now = now or timezone.now()
    since = saved_search.last_sent_at or saved_search.created_at
    base = (
        JobPosting.objects.published(now)
        .filter(published_at__gt=since)
        .exclude(pk__in=saved_search.deliveries.values("job_posting"))
    )
    filterset = JobFilter(QueryDict(saved_search.query), queryset=base)
    return filterset.qs.order_by("-published_at", "-pk").select_related("employer")[:DIGEST_SIZE]


def due_saved_searches(now=None):
    now = now or timezone.now()
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency) & (Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - period))
    return SavedSearch.objects.filter(due).exclude(user__email="")


def alert_digest_send(*, saved_search: SavedSearch, now=None) -> int:
    """Email one digest and record its postings; returns how many postings it listed (0: nothing sent)."""
    now = now or timezone.now()
    postings = list(digest_postings(saved_search, now))
    if not postings:
        SavedSearch.objects.filter(pk=saved_search.pk).update(last_sent_at=now)
        return 0
    unsubscribe = (
        f"{settings.SITE_URL}{reverse('alerts_unsubscribe', kwargs={'token': unsubscribe_token(saved_search)})}"
    )
    # Sent here and now, not logged and forgotten: a failure reaches the task, which retries.
    templated_email(
        "jobs/email/alert_digest",
        {"saved_search": saved_search, "postings": postings, "unsubscribe_url": unsubscribe},
        [saved_search.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    ).send()
    # Recorded only once the email has gone: a failed send is retried with the same postings.
    with transaction.atomic():
        AlertDelivery.objects.bulk_create(
            [AlertDelivery(saved_search=saved_search, job_posting=p) for p in postings], ignore_conflicts=True
        )
        SavedSearch.objects.filter(pk=saved_search.pk).update(last_sent_at=now)
    return len(postings)
