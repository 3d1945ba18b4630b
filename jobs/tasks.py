"""Background tasks of the job board (django.tasks; the queue is in the database, `make worker` runs it), and
what puts them on the queue."""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from jobs.models import SavedSearch
from jobs.services.alerts import MAX_ATTEMPTS, alert_digest_send, due_saved_searches

logger = logging.getLogger(__name__)


@task()
def send_alert_digest(saved_search_id: int, attempt: int = 1) -> int:
    """Send one saved search's digest. On failure, try again later (up to MAX_ATTEMPTS); other digests are
    separate tasks and go on regardless."""
    saved_search = SavedSearch.objects.select_related("user").filter(pk=saved_search_id).first()
    if saved_search is None:
        return 0  # unsubscribed meanwhile
    try:
        return alert_digest_send(saved_search=saved_search)
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Alert digest %s failed %s times; giving up", saved_search_id, attempt)
            raise
        logger.warning("Alert digest %s failed (attempt %s); retrying later", saved_search_id, attempt)
        later = timezone.now() + timedelta(minutes=5 * attempt)
        send_alert_digest.using(run_after=later).enqueue(saved_search_id, attempt + 1)
        return 0


def alerts_enqueue_due(now=None) -> int:
    """One task per due saved search; a worker sends them."""
    count = 0
    for saved_search_id in due_saved_searches(now).values_list("pk", flat=True):
        send_alert_digest.enqueue(saved_search_id)
        count += 1
    return count
