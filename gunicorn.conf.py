"""gunicorn's settings for the site, read from the working directory (`gunicorn bpo_portal.wsgi` in the project's
folder picks it up; `-c` names another). Command-line options override these."""

from core.heap import collect_between_requests, collect_if_due, freeze_startup_objects, give_back_freed_memory

wsgi_app = "bpo_portal.wsgi"


def post_worker_init(worker):
    """The application is loaded: everything loaded so far stays out of the collector's walk, and full
    collections wait until a response is sent (core/heap.py)."""
    freeze_startup_objects()
    collect_between_requests()


def post_request(worker, req, environ, resp):
    """The response is sent: the full collection CPython would have run by now, and the freed memory back to
    the system (core/heap.py)."""
    collect_if_due()
    give_back_freed_memory()
