"""Whole public pages kept for anonymous visitors: a page asked again within PAGE_CACHE_SECONDS is answered from the
cache without running its view, so the site's common pages cost a cache read, not their queries.

What is kept: the answer (200, or 404) to a GET of a public page (PAGE_CACHE_PATHS) from a visitor with no
session and no credentials, HTML or API, for that exact path, query string, Accept header and htmx request.
Such a visitor sees what every other such visitor sees: no shortlist, no account, no messages. Anything that
differs per visitor is never kept:
- a request with a session cookie, a messages cookie or an Authorization header is answered by its view;
- an answer that sets a cookie, changes the session, queues a message, asks for the visitor's CSRF token other
  than through `{% csrf_token %}`, says `Cache-Control: private / no-cache / no-store` or sets a CSP of its own
  is not kept;
- the CSRF token is a hole: a page rendered to be kept carries a placeholder where `{% csrf_token %}` goes
  (`csrf_hole`, a context processor), filled on every answer with the visitor's own token, which also sets their
  CSRF cookie as the view would have;
- so is the CSP nonce of the page's scripts: the kept copy has a placeholder where the nonce was, filled on every
  answer with that answer's own nonce, which the CSP middleware then puts in the policy header.

Nothing taken down stays public: every kept page records the version of the public content it was rendered at, and
a change to any model shown on public pages (PAGE_CACHE_APPS, less PAGE_CACHE_PRIVATE_MODELS) draws a new version,
at once and again when its transaction commits, so a page rendered from the old rows is never answered again.
Pages are rendered from the primary database, never a replica that may not have the change yet. One cache read
answers both questions: the version and the page are read together.

Figures counted ahead of the pages (`core.summaries`: facet counts, pay figures) follow a change once a render
finds their summary due and it is counted. A summary counted again after the public content changed draws a new
version too (`summary_counted`), so a new posting is in the kept pages' counts then, not once the pages expire.
Only a change marks the content (CONTENT_KEY), so one summary's draw is never a change to the others. What
changes without a save (a posting past its expiry, the posted-within bands) shows within PAGE_CACHE_SECONDS.

One request renders a page at a time. Another asking for a page being rendered for the first time waits for it;
once a page has been kept, it is answered from its copy while one request renders it again
after PAGE_CACHE_SECONDS. So a popular page asked a hundred times at once costs one render, cold or warm.

Renders of kept pages are limited to PAGE_CACHE_RENDER_SLOTS at once across the site (0: no limit). Under a burst
of pages nobody has asked for yet, the workers left answer the kept pages at once instead of queueing behind the
renders. When every slot is taken:
- a page that has a copy, however old, is answered from it: its new render waits for a free slot;
- a page that has none waits for a slot, up to SLOT_WAIT_SECONDS, in one of PAGE_CACHE_RENDER_QUEUE places, or
  gets a 503 with Retry-After when they are all taken or no slot came free in time;
- while a request waits in the queue, no other takes a free slot before it: a page that has a copy is answered
  from it, a page with none joins the queue (a first render comes before a new render of a page that can be
  answered already);
- another request for a page whose first render waits gets a 503 at once rather than waiting behind it.

An API answer from the cache still counts against the anonymous rate limit, as the view would count it; an answer
over the limit comes from the view (its 429)."""

from __future__ import annotations

import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac

from core.outage import unavailable
from core.replicas import replica_reads

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
CONTENT_KEY = "page-cache:content"  # drawn by a change of the public content only
# Where a kept page's CSRF token and its scripts' CSP nonce go: derived from the secret key, so that no text a
# visitor or a listing supplies (a search, a link in a description) can name a hole and have a token put there.
CSRF_HOLE = "csrf-" + salted_hmac("page-cache-hole", "csrf", algorithm="sha256").hexdigest()[:24]
NONCE_HOLE = "nonce-" + salted_hmac("page-cache-hole", "nonce", algorithm="sha256").hexdigest()[:24]
KEPT_STATUSES = {200, 404}
# A kept page is fresh for PAGE_CACHE_SECONDS; after that the next request renders it again while the others are
# answered the copy they have, for up to STALE_SECONDS more (while every render slot stays taken). A request for a
# page being rendered for the first time waits for it as long as the render holds its lock: under a burst a render
# may take seconds, and giving up earlier would render the same page again beside it.
STALE_SECONDS = 300
RENDER_LOCK_SECONDS = 60  # more than any request may run (gunicorn's timeout, the statement time limit)
WAIT_POLL_SECONDS = 0.02
# How long a first render waits for a render slot: about ten renders of the mix's slower pages (bench/README.md),
# well inside a client's patience and the worker's timeout.
SLOT_WAIT_SECONDS = 2
QUEUED = "queued:"  # the mark of a page's render lock while its first render waits for a slot
BUSY_MESSAGE = "The site is very busy and this page is not ready yet; please try again in a few seconds."
# Response headers a kept page carries; the rest (cookies, length, the policies the outer middleware adds) are
# set again on every answer.
SKIPPED_HEADERS = {"content-length", "set-cookie"}
VARYING_HEADERS = (
    "HTTP_ACCEPT",
    "HTTP_HX_REQUEST",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_TARGET",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)


def public_pages_changed(**_) -> None:
    """Every kept page is out of date: now, for the requests that read the version before this transaction's
    rows, and once the transaction commits, for the pages rendered from the old rows meanwhile. The public
    content's own mark (CONTENT_KEY, which the summaries compare) is drawn with it."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    _draw(CONTENT_KEY, VERSION_KEY)
    transaction.on_commit(lambda: _draw(CONTENT_KEY, VERSION_KEY))


def _draw(*keys: str) -> None:
    cache.set_many(dict.fromkeys(keys, secrets.token_hex(8)), None)


def content_version() -> str:
    """The mark of the public content's last change ("" when none since the cache was emptied: the pages kept
    before went with it). Only a change draws it, never a summary's count."""
    return cache.get(CONTENT_KEY) or ""


def summary_counted(name: str, content_before: str) -> None:
    """The summary `name` was counted again from the public content as `content_version()` marked it when its
    count began, and committed. If the content changed since the summary's previous count, the kept pages show
    figures older than their rows: a new page version is drawn, so that they are rendered again with the new
    figures. A count with nothing changed since the previous one draws none, whatever the other summaries drew:
    on a quiet site the pages live their PAGE_CACHE_SECONDS. A change made while it counted, which it may have
    missed, is then drawn for once more by its next count."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    seen_key = f"page-cache:counted:{name}"
    # None: no count since the cache was emptied, nor a change then (""), unless one came since.
    previous = cache.get(seen_key) or ""
    if previous != content_before:
        _draw(VERSION_KEY)  # its rows are committed: one draw, not public_pages_changed's two
    cache.set(seen_key, content_before, None)


def csrf_hole(request) -> dict:
    """Context processor: a page rendered to be kept gets the placeholder for its CSRF token."""
    return {"csrf_token": CSRF_HOLE} if getattr(request, "page_cache_render", False) else {}


def _keepable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and (request.path == "/" or request.path.startswith(tuple(settings.PAGE_CACHE_PATHS)))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request) -> str:
    varying = "\n".join(request.META.get(name, "") for name in VARYING_HEADERS)
    digest = hashlib.blake2b(f"{request.get_host()}\n{request.get_full_path()}\n{varying}".encode(), digest_size=16)
    return f"page-cache:page:{request.scheme}:{digest.hexdigest()}"


def _keepable_response(request, response) -> bool:
    if response.status_code not in KEPT_STATUSES or response.streaming or response.cookies:
        return False
    if any(word in response.get("Cache-Control", "") for word in ("private", "no-cache", "no-store")):
        return False
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return not (
        (session is not None and session.modified)
        or (messages is not None and messages.added_new)
        # The view put this visitor's own CSRF token somewhere (get_token) rather than in the hole.
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or hasattr(response, "_csp_config")
        or hasattr(response, "_csp_ro_config")
    )


def _current_version() -> str | None:
    """The version of the public content; a new one if the cache lost it (never "none", which a page kept before
    the loss could match). None when the cache cannot be reached."""
    cache.add(VERSION_KEY, secrets.token_hex(8), None)
    return cache.get(VERSION_KEY)


def _render_slot() -> tuple[str, str] | None:
    """One of the PAGE_CACHE_RENDER_SLOTS renders the site runs at once, taken: (its key, this request's mark);
    ("", "") when they are not limited; None when every one is taken, or while requests wait for one in the
    queue: they come first."""
    if settings.PAGE_CACHE_RENDER_SLOTS <= 0:
        return "", ""
    if _first_renders_waiting():
        return None
    return _free_slot()


def _free_slot() -> tuple[str, str] | None:
    owner = secrets.token_hex(8)
    for n in range(settings.PAGE_CACHE_RENDER_SLOTS):
        slot = f"page-cache:slot:{n}"
        if cache.add(slot, owner, RENDER_LOCK_SECONDS):
            return slot, owner
    return None


def _queue_places() -> list[str]:
    return [f"page-cache:queue:{n}" for n in range(settings.PAGE_CACHE_RENDER_QUEUE)]


def _first_renders_waiting() -> bool:
    places = _queue_places()
    return bool(places) and bool(cache.get_many(places))


def _slot_after_waiting(rendering):
    """A render slot for a page nobody has a copy of, once one comes free: a place in the queue taken, then the
    slots tried every WAIT_POLL_SECONDS for up to SLOT_WAIT_SECONDS. Returns (the slot or None, the page's render
    lock as this request now holds it). None when the queue is full or no slot came free in time.

    While it waits, the page's render lock (`rendering`, if this request holds it) is marked QUEUED, so that other
    requests for the page get a 503 at once rather than waiting too. The place and the mark expire with the
    wait, so a worker killed while it waits holds neither for longer."""
    owner = secrets.token_hex(8)
    place = next((key for key in _queue_places() if cache.add(key, owner, SLOT_WAIT_SECONDS + 1)), None)
    if place is None:
        return None, rendering
    try:
        if rendering:
            cache.set(rendering[0], QUEUED + rendering[1], SLOT_WAIT_SECONDS + 1)
            rendering = (rendering[0], QUEUED + rendering[1])
        deadline = time.monotonic() + SLOT_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            if slot := _free_slot():
                if rendering:
                    mark = rendering[1].removeprefix(QUEUED)
                    cache.set(rendering[0], mark, RENDER_LOCK_SECONDS)
                    rendering = (rendering[0], mark)
                return slot, rendering
        return None, rendering
    finally:
        _release((place, owner))


def _release(*held) -> None:
    """Gives back the locks and slots this request holds (key, mark); one that expired and another request took
    since is left to it."""
    for lock in held:
        if lock and lock[0] and cache.get(lock[0]) == lock[1]:
            cache.delete(lock[0])


def _fill_holes(request, response):
    """The visitor's own CSRF token and this answer's CSP nonce, where the kept page has their placeholders."""
    if response.streaming:  # a file (the favicon): never kept, nothing to fill
        return response
    content = response.content
    if CSRF_HOLE.encode() in content:
        content = content.replace(CSRF_HOLE.encode(), get_token(request).encode())
    if NONCE_HOLE.encode() in content and getattr(request, "_csp_nonce", None) is not None:
        content = content.replace(NONCE_HOLE.encode(), str(request._csp_nonce).encode())
    response.content = content
    return response


def _kept_content(request, response) -> bytes:
    """The answer's content with its CSP nonce, if it used one, back to the placeholder."""
    nonce = getattr(request, "_csp_nonce", None)
    if not nonce:  # never generated: the page has no nonce
        return response.content
    return response.content.replace(str(nonce).encode(), NONCE_HOLE.encode())


def _throttled(request) -> bool:
    """An API answer from the cache counts against the anonymous limits as the view would; True when over them."""
    from rest_framework.settings import api_settings

    return not all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES)


class PublicPageCacheMiddleware:
    """Answers a kept page without its view, or keeps the view's answer (see the module's docstring). Sits inside
    the CSRF middleware, which sets the cookie of a token a filled hole asked for, and the session, security and
    policy middleware, which add their headers to every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _keepable_request(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _current_version()
        if version is None:  # the cache cannot be reached
            return self.get_response(request)
        kept = found.get(key)
        if kept is not None and kept[0] != version:
            kept = None
        # One request renders a page; the others asking for it meanwhile get the kept copy, however old (never
        # older than its version), or wait for the one being rendered.
        rendering = f"{key}:rendering"
        if kept is None or kept[1] <= time.time():
            owner = secrets.token_hex(8)
            if cache.add(rendering, owner, RENDER_LOCK_SECONDS):
                return self._render(request, key, version, (rendering, owner), kept)
            kept = kept or self._wait(key, version, rendering)
            if kept is QUEUED:
                # Its first render is itself waiting for a slot: a worker waiting behind it would be one fewer
                # for the kept pages, for as long as the queue lasts.
                return self._busy(request)
        if kept is None:
            return self._render(request, key, version, None, None)
        return self._answer(request, kept)

    def _render(self, request, key, version, rendering, kept):
        """The view's answer, kept; or, when every render slot is taken, the copy there is, however old, or the
        page once a slot comes free, or a 503 that says to come back in a few seconds."""
        slot = _render_slot()
        if slot is None and kept is not None:
            _release(rendering)
            return self._answer(request, kept)
        if slot is None:
            try:
                slot, rendering = _slot_after_waiting(rendering)
            finally:
                if slot is None:
                    _release(rendering)
        if slot is None:
            return self._busy(request)
        request.page_cache_render = True
        try:
            # Rendered from the primary: a replica behind it could hand a taken-down row to the newest version.
            with replica_reads(False):
                response = self.get_response(request)
            if _keepable_response(request, response):
                headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
                fresh_until = time.time() + settings.PAGE_CACHE_SECONDS
                kept = (version, fresh_until, response.status_code, headers, _kept_content(request, response))
                cache.set(key, kept, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
                response.headers["X-Page-Cache"] = "miss"
        finally:
            _release(rendering, slot)
        return _fill_holes(request, response)

    @staticmethod
    def _busy(request):
        logger.info("Busy: %s %s answered 503", request.method, request.path)
        busy = unavailable(request, BUSY_MESSAGE)
        busy._has_been_logged = True  # a planned answer, not a server error for Django to log as one
        return busy

    @staticmethod
    def _wait(key, version, rendering):
        """The page another request is rendering, once it is kept. None when that request is done without keeping
        it (an error, a page not to keep) or has held the lock too long: then this one renders it too. QUEUED
        when that request is not rendering yet but waits for a slot in the queue."""
        deadline = time.monotonic() + RENDER_LOCK_SECONDS
        while time.monotonic() < deadline:
            found = cache.get_many([key, rendering])
            kept = found.get(key)
            if kept is not None and kept[0] == version:
                return kept
            if rendering not in found:
                return None
            if str(found[rendering]).startswith(QUEUED):
                return QUEUED
            time.sleep(WAIT_POLL_SECONDS)
        return None

    def _answer(self, request, kept):
        if request.path.startswith("/api/") and _throttled(request):
            return self.get_response(request)  # its 429, before any work
        _, _, status, headers, content = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        # A kept page is the one for visitors without a session; the view's own Vary came with its headers.
        patch_vary_headers(response, ["Cookie"])
        response.headers["X-Page-Cache"] = "hit"
        return _fill_holes(request, response)
