"""The collector's schedule under gunicorn (core/heap.py, gunicorn.conf.py): full collections wait until a
response is sent, and still happen as often as CPython would run them."""

import gc

import pytest

from core.heap import FULL_COLLECTION_AFTER, collect_between_requests, collect_if_due


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
