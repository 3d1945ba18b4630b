"""Read replicas: the read-heavy pages and API answers come from a PostgreSQL replica, everything else from the
primary.

A replica lags the primary by a fraction of a second, so only requests that cannot notice the lag read from it:
safe-method requests (GET, HEAD) from a client that has not written recently. A request that writes marks its
client with a short-lived cookie, and that client's next requests read from the primary until it expires, so
people always see their own changes. Reads inside a transaction, management commands and background tasks use the
primary too.

Enabled by setting `DATABASE_REPLICA_URL` (see README, "Settings"); without it there is one database and this
module is not loaded.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
STICKY_COOKIE = "primary_reads"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_replica_reads = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads(allowed: bool = True):
    """Within this block, reads outside a transaction may come from the replica (when one is configured)."""
    token = _replica_reads.set(allowed)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class PrimaryReplicaRouter:
    """Writes and migrations go to the primary; reads go to the replica only while a request allows it."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows, so an object read from the replica may point at one from the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives the schema through replication.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Lets the router use the replica for this request when it is safe, and keeps writers on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        with replica_reads(request.method in {"GET", "HEAD"} and STICKY_COOKIE not in request.COOKIES):
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
