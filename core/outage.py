"""When the database cannot answer, a request gets a 503 that says so and when to retry, instead of a 500 page.

Two causes: the database cannot be reached (restarted, failed over, out of connections), or a statement ran past
its time limit (DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL cancels it, SQLSTATE 57014 query_canceled). Nothing is
kept from the failed request; the next request opens a new connection (CONN_HEALTH_CHECKS drops a dead one), so
the site recovers by itself."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE = "The database is unavailable for a moment. Nothing was saved; please try again in a few seconds."
TIMEOUT_MESSAGE = "This request took too long and was stopped. Nothing was saved; please try again in a few seconds."
QUERY_CANCELED = "57014"


def is_statement_timeout(exc: BaseException | None) -> bool:
    """A statement PostgreSQL cancelled, here for running past statement_timeout (Django's OperationalError
    wraps the driver's QueryCanceled, which carries the SQLSTATE)."""
    cause = getattr(exc, "__cause__", None)
    return isinstance(exc, OperationalError) and QUERY_CANCELED in {
        getattr(cause, "sqlstate", None),
        getattr(cause, "pgcode", None),
    }


def unavailable(request, message: str) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, a short page elsewhere."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        page = (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>Back in a moment</title></head>"
            f"<body><h1>Back in a moment</h1><p>{escape(message)}</p></body></html>"
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """Django's handler500: a database outage is a 503 with Retry-After (JSON under /api/); anything else is
    the usual 500 page."""
    exc = sys.exc_info()[1]
    if not isinstance(exc, OperationalError | InterfaceError):
        return defaults.server_error(request)
    return unavailable(request, TIMEOUT_MESSAGE if is_statement_timeout(exc) else MESSAGE)


class StatementTimeoutMiddleware:
    """A view whose statement ran past the time limit answers 503, not 500: the limit protects the site from a
    request that would hold a connection and a worker for tens of seconds, it is not a bug report. Logged as a
    warning, with the path, so that slow pages can be found. (Statement timeouts outside views, in middleware,
    reach handler500 above, which answers the same.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        logger.warning("Statement timeout: %s %s answered 503", request.method, request.path)
        return unavailable(request, TIMEOUT_MESSAGE)
