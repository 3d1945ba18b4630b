"""The kept summaries answered by a process of their own, so that no web worker holds them.

A kept summary (`core.summaries`) is tens of megabytes of arrays at a million postings: the job facet cube and
the pay ledger together bring a web worker from about 100 MB to 170 MB, once per worker. With the setting
`SUMMARY_SERVICE_SOCKET` (a Unix socket's path), one process, `manage.py serve_summaries`, holds them instead, and
the web workers send it each question a summary answers: a function marked `@answered_by_summaries`, called with
plain arguments (a selection's chosen filters, a search's posting keys) and returning plain figures. Without the
setting (development, the tests) the function runs in the calling process, as it always did.

A worker keeps one connection to the service per thread (`multiprocessing.connection`: pickled messages, the
peer authenticated by a key derived from `SECRET_KEY`, the socket file readable by its owner only). When the
service is away, refuses or does not answer within `SUMMARY_SERVICE_TIMEOUT` seconds, the question is answered
None, which every such function already answers when it has no summary to read: the caller counts in the
database. So a service restart costs a few slower requests, never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import importlib
import logging
import os
import socket
import stat
import threading
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from core.heap import give_back_freed_memory

logger = logging.getLogger(__name__)

# The functions a service may run, by "module:qualified name" (no other name is ever imported or called).
ANSWERS: dict[str, Callable] = {}
# After the service was found away, a worker asks the database for this long before trying it again.
RETRY_SECONDS = 5.0

_local = threading.local()  # this thread's connection to the service
_away_until = 0.0  # monotonic time before which the service is not asked again
_serving = threading.local()  # set in the service's own threads: they answer in place


def socket_path() -> str:
    return getattr(settings, "SUMMARY_SERVICE_SOCKET", "") or ""


def authkey() -> bytes:
    """The key both sides prove they hold when a connection opens: derived from `SECRET_KEY`, never it."""
    return hmac.new(settings.SECRET_KEY.encode(), b"bpo-portal summary service", hashlib.sha256).digest()


def answered_by_summaries[**P, R](function: Callable[P, R]) -> Callable[P, R | None]:
    """Mark `function` as answered from the kept summaries: by the summary service when the setting names one
    (None when it cannot be reached: the caller counts in the database), else here. Its arguments and its result
    must be picklable, and it must answer None when it has no summary to read."""
    name = f"{function.__module__}:{function.__qualname__}"
    ANSWERS[name] = function

    @functools.wraps(function)
    def ask(*args: P.args, **kwargs: P.kwargs) -> R | None:
        path = socket_path()
        if not path or getattr(_serving, "active", False):
            return function(*args, **kwargs)
        return _ask_service(path, name, args, kwargs)

    ask.name = name
    return ask


def _connection(path: str) -> Connection:
    held = getattr(_local, "connection", None)
    if held is None or getattr(_local, "path", None) != path:
        _drop_connection()
        held = _local.connection = Client(path, family="AF_UNIX", authkey=authkey())
        _local.path = path
    return held


def _drop_connection() -> None:
    held = getattr(_local, "connection", None)
    _local.connection = None
    if held is not None:
        with contextlib.suppress(OSError):
            held.close()


def _away(why: str, *args) -> None:
    """The service is not asked again for `RETRY_SECONDS`: the workers count in the database meanwhile."""
    global _away_until
    _drop_connection()
    _away_until = time.monotonic() + RETRY_SECONDS
    logger.warning(why + "; counting in the database for %s s", *args, RETRY_SECONDS)


def _ask_service(path: str, name: str, args: tuple, kwargs: dict):
    if time.monotonic() < _away_until:
        return None
    timeout = getattr(settings, "SUMMARY_SERVICE_TIMEOUT", 2.0)
    for attempt in (1, 2):  # a connection the service closed (it restarted) is opened again once
        try:
            connection = _connection(path)
            connection.send((name, args, kwargs))
            if not connection.poll(timeout):
                # A late answer would be read as the next question's: the connection goes with it, and an
                # overloaded service is left alone for a while rather than asked again at once.
                _away("The summary service did not answer %s within %s s", name, timeout)
                return None
            status, value = connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError) as error:
            if attempt == 1:
                _drop_connection()
                continue
            _away("The summary service at %s cannot be reached (%r)", path, error)
            return None
        except Exception as error:  # refused, away, another key, an answer that does not unpickle
            _away("The summary service at %s cannot be reached (%r)", path, error)
            return None
        if status == "ok":
            return value
        logger.error("The summary service failed to answer %s: %s", name, value)
        return None
    return None


def answer(name: str, args: tuple, kwargs: dict) -> tuple[str, object]:
    """What the service sends back for one question: ("ok", the function's value) or ("error", why)."""
    module = name.partition(":")[0]
    if module not in _answering_modules():
        return "error", f"{name} is not answered by the summaries"
    importlib.import_module(module)
    function = ANSWERS.get(name)
    if function is None:
        return "error", f"{name} is not answered by the summaries"
    try:
        return "ok", function(*args, **kwargs)
    except Exception as error:
        logger.exception("Answering %s failed", name)
        return "error", repr(error)


def _answering_modules() -> frozenset[str]:
    """The modules whose functions a service answers (`SUMMARY_SERVICE_MODULES`): imported when the service
    starts, so that only their marked functions can be asked for."""
    return frozenset(getattr(settings, "SUMMARY_SERVICE_MODULES", ()))


class SummaryService:
    """The service: listens on `path`, each connection served by a thread of its own, one question at a time."""

    def __init__(self, path: str):
        self.path = path
        self.answered: Counter[str] = Counter()  # the questions answered since it started, by function
        self._listener: Listener | None = None
        self._stopping = threading.Event()
        # As many answers at a time as the machine has cores: more would only share them, each holding its arrays.
        self._answering = threading.BoundedSemaphore(os.cpu_count() or 1)

    def open(self) -> None:
        for module in _answering_modules():
            importlib.import_module(module)
        self._clear_stale_socket()
        previous = os.umask(0o177)  # the socket file: its owner only
        try:
            self._listener = Listener(self.path, family="AF_UNIX", backlog=128, authkey=authkey())
        finally:
            os.umask(previous)

    def _clear_stale_socket(self) -> None:
        """Remove the socket a killed service left behind; refuse to touch anything else at that path, or the
        socket of a service still answering."""
        try:
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            return
        if not stat.S_ISSOCK(mode):
            raise ImproperlyConfigured(f"{self.path} exists and is not a socket: SUMMARY_SERVICE_SOCKET names it?")
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(self.path)
        except ConnectionRefusedError:
            os.unlink(self.path)
            return
        finally:
            probe.close()
        raise ImproperlyConfigured(f"A summary service already listens on {self.path}.")

    def serve_forever(self) -> None:
        if self._listener is None:
            self.open()
        while not self._stopping.is_set():
            try:
                connection = self._listener.accept()
            except (OSError, EOFError, AuthenticationError) as error:
                if self._stopping.is_set():
                    break
                logger.warning("A connection to the summary service failed to open: %r", error)
                continue
            if self._stopping.is_set():
                connection.close()
                break
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: Connection) -> None:
        _serving.active = True
        try:
            while True:
                try:
                    name, args, kwargs = connection.recv()
                except (EOFError, OSError):
                    return  # the worker went away
                except Exception as error:  # a question that does not unpickle, or is not a question
                    reply = ("error", f"not a question: {error!r}")
                else:
                    with self._answering:
                        reply = answer(name, args, kwargs)
                        # The database is rarely read here (a newer summary's row): no connection is kept.
                        connections.close_all()
                        # A pay figure sorts copies of a million rows: the freed memory goes back to the system
                        # before the next answer, or each thread's heap would keep its own.
                        give_back_freed_memory()
                    self.answered[name] += 1
                try:
                    connection.send(reply)
                except (EOFError, OSError):
                    return
                except Exception as error:  # an answer that does not pickle
                    logger.exception("The answer to %s could not be sent", reply[0])
                    connection.send(("error", f"the answer could not be sent: {error!r}"))
        finally:
            connection.close()

    def stop(self, wake: bool = True) -> None:
        """Stop listening. `wake`: from another thread than the one serving, which waits in `accept` until a
        connection comes (a signal handler, which runs in that thread, passes False: the closed socket ends it)."""
        self._stopping.set()
        if wake:  # a bare connection: `accept` fails its key exchange and sees the service stopping
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as knock:
                knock.connect(self.path)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
