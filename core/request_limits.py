"""Request bodies are bounded before anything reads them. Django refuses an oversized form only once its parser
has read that far, and a resume upload is read whole (to memory, then to a temporary file) before its size is
checked; this middleware answers 413 from the declared Content-Length alone. The proxy in front holds the same
limit (nginx `client_max_body_size`, see the README), so most such requests never reach a worker at all.

A request whose client hung up while it waited for a worker is not run at all (AbandonedRequestMiddleware)."""

import logging
import socket
import ssl

from django.conf import settings
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body then either


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        length = declared_length(request)
        if limit and length > limit:
            message = f"The request body is {length / 1048576:.1f} MB; the limit is {limit / 1048576:.1f} MB."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            page = (
                "<!doctype html><html lang=en><head><meta charset=utf-8><title>Too large</title></head>"
                f"<body><h1>Too large</h1><p>{message} Nothing was saved.</p></body></html>"
            )
            return HttpResponse(page, status=413)
        return self.get_response(request)


def client_has_gone(request) -> bool:
    """True when the client closed its connection before the request was answered: gunicorn's socket reads as
    closed. Under a burst, requests wait in the listen queue; a visitor who gave up meanwhile is not rendered for."""
    sock = request.META.get("gunicorn.socket")
    if sock is None or isinstance(sock, ssl.SSLSocket):  # TLS ends at gunicorn: its socket cannot be peeked
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False  # open, nothing more sent
    except ValueError:
        return False
    except OSError:
        return True  # reset


class AbandonedRequestMiddleware:
    """A request whose client has already hung up is answered 499 (nginx's "client closed request") at once,
    without running its view: nobody would read the answer, and the requests queued behind it wait less."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if client_has_gone(request):
            logger.info("Client gone before %s %s was answered", request.method, request.path)
            response = HttpResponse(status=499)
            response._has_been_logged = True  # not an error of the site's: Django would log it as a warning
            return response
        return self.get_response(request)
