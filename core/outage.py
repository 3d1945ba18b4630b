"""When the database cannot be reached (restarted, failed over, out of connections), a request that needed it
gets a 503 that says so and when to retry, instead of a 500 page. Nothing is kept from the failed request; the
next request opens a new connection (CONN_HEALTH_CHECKS drops the dead one), so the site recovers by itself."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE = "The database is unavailable for a moment. Nothing was saved; please try again in a few seconds."
PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Back in a moment</title></head>"
    f"<body><h1>Back in a moment</h1><p>{MESSAGE}</p></body></html>"
)


def server_error(request):
    """Django's handler500: a database outage is a 503 with Retry-After (JSON under /api/); anything else is
    the usual 500 page."""
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        response = HttpResponse(PAGE, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
