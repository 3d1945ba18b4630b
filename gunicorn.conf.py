"""gunicorn's settings for the site, read from the working directory (`gunicorn bpo_portal.wsgi` in the project's
folder picks it up; `-c` names another). Command-line options override these."""

from core.heap import collect_between_requests, collect_if_due, freeze_startup_objects, return_freed_memory

wsgi_app = "bpo_portal.wsgi"


def post_worker_init(worker):
    """The application is loaded: everything loaded so far stays out of the collector's walk, full collections
    wait until a response is sent, and big freed blocks go back to the system (core/heap.py)."""
    freeze_startup_objects()
    collect_between_requests()
    return_freed_memory()


def post_request(worker, req, environ, resp):
    collect_if_due()
