"""The garbage collector in a long-running server process.

A request leaves reference cycles behind (model instances and the related rows cached on them point at each
other), so CPython's collector runs a full collection every so often, inside whichever request is unlucky, and a
full collection walks every object the process holds: Django, the apps, the URL patterns and templates, a couple
of hundred thousand objects. On this project's two cores that took 60 to 150 ms: the vendor matcher's slowest
twentieth of answers were the collector's (bench/README.md has the figures). Two remedies, both from the
gunicorn config (gunicorn.conf.py):

- what is loaded at start-up lives as long as the process, so it is moved out of the collector's sight
  (`gc.freeze`): a full collection then walks only what requests made;
- full collections run between requests instead of inside one (out-of-band, as Ruby's Unicorn does): on the
  same schedule CPython would keep (after ten collections of the middle generation), but only once a response
  has been sent. The young generations are still collected as they fill, a millisecond or two each.

And the C allocator (glibc's malloc), which numpy's arrays come from: a facet count or a pay figure makes masks
and sorted copies of a million rows, one to eight megabytes each, and frees them before answering. glibc raises
its threshold for memory mapped straight from the system to the largest block freed so far (up to 32 MB), so
after the first such count those arrays come from the heap, and the process keeps the heap's freed memory:
tens of megabytes a worker. `give_back_freed_memory` (`malloc_trim`, half a millisecond) hands it back once a
response is sent. Mapping every big block on its own instead (a fixed `M_MMAP_THRESHOLD`) gave the memory back
too, but each request then paid for fresh pages, and the pay insights were slower (bench/README.md)."""

import ctypes
import ctypes.util
import functools
import gc

# CPython's own third threshold: a full collection after this many collections of the middle generation.
FULL_COLLECTION_AFTER = 10


def freeze_startup_objects() -> None:
    """Collect once, then keep everything alive now out of every later collection."""
    gc.collect()
    gc.freeze()


def collect_between_requests() -> None:
    """From now on the collector never starts a full collection by itself: `collect_if_due` does, between
    requests."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)


def collect_if_due() -> None:
    """The full collection CPython would have run by now, if it is due. Call it once a response is sent."""
    if gc.get_count()[2] >= FULL_COLLECTION_AFTER:
        gc.collect()


def give_back_freed_memory() -> bool:
    """Hand the heap's freed memory back to the system (glibc's `malloc_trim`; see above). Call it once a
    response is sent. Returns whether it could (not on a C library without it, such as musl's)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
