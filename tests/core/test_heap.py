"""The collector's schedule under gunicorn (core/heap.py, gunicorn.conf.py): full collections wait until a
response is sent, and still happen as often as CPython would run them; and freed arrays go back to the system."""

import gc
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from core.heap import FULL_COLLECTION_AFTER, collect_between_requests, collect_if_due

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def collector():
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)


class Cycle:
    def __init__(self):
        self.me = self


def test_garbage_in_cycles_is_freed_between_requests_once_a_full_collection_is_due(collector):
    collect_between_requests()
    gc.collect()
    survivors = [Cycle() for _ in range(100)]
    gc.collect(1)  # they survive the young collections, as a request's objects do while it runs
    gc.collect(1)
    count = len(gc.get_objects(2))
    del survivors  # the request ends: its objects are garbage in the oldest generation
    while gc.get_count()[2] < FULL_COLLECTION_AFTER - 1:
        gc.collect(1)
    collect_if_due()
    assert len(gc.get_objects(2)) >= count - 5  # not due yet: nothing walked the oldest generation
    gc.collect(1)
    collect_if_due()
    assert gc.get_count()[2] == 0
    assert len(gc.get_objects(2)) <= count - 100  # due: the cycles are gone


def test_the_collector_never_starts_a_full_collection_by_itself_under_gunicorn(collector):
    collect_between_requests()
    assert gc.get_threshold()[2] >= 1000 * FULL_COLLECTION_AFTER


KEPT_AFTER_FREEING = """
import sys
import numpy as np
from core.heap import give_back_freed_memory

def rss_mb():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024

np.ones(16 * 2**20, np.uint8)  # a first count's biggest array, freed: glibc's threshold follows it up
before = rss_mb()
arrays, kept = [], []
for _ in range(30):  # a count's masks and copies, with what the request keeps in between
    arrays.append(np.ones(2 * 2**20, np.uint8))
    kept.append(np.ones(4096, np.uint8))
del arrays
if sys.argv[1] == "gunicorn":  # its post_request, once the response is sent
    assert give_back_freed_memory()
print(rss_mb() - before)
"""


@pytest.mark.skipif(
    not Path("/proc/self/status").exists() or platform.libc_ver()[0] != "glibc",
    reason="glibc's allocator, the process's memory read from /proc",
)
def test_a_worker_gives_back_the_arrays_a_count_freed():
    """A facet count's or a pay figure's arrays, one to eight megabytes each, are freed once it answers. By
    default glibc serves them from the heap after the first big count and keeps them: 60 MB stay with the
    process here. Once a gunicorn worker has sent its response, they go back to the system."""

    def kept_mb(mode: str) -> float:
        run = [sys.executable, "-c", KEPT_AFTER_FREEING, mode]
        env = {name: value for name, value in os.environ.items() if not name.startswith("MALLOC_")}  # glibc's own
        return float(subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT, env=env).stdout)  # noqa: S603

    assert kept_mb("default") > 40  # what the setting is for
    assert kept_mb("gunicorn") < 5
