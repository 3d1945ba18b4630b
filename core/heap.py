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
and sorted copies of a million rows, one to eight megabytes each, and frees them before answering. By default
glibc raises its threshold for memory mapped straight from the system to the largest block freed so far (up to
32 MB), so after the first such count those arrays come from the heap, whose freed memory the process keeps.
`return_freed_memory` fixes the threshold, so that every block of 128 KB or more is mapped on its own and
handed back when freed, and trims the heap above 1 MB."""

import ctypes
import ctypes.util
import gc

# CPython's own third threshold: a full collection after this many collections of the middle generation.
FULL_COLLECTION_AFTER = 10

# glibc's mallopt(3) parameters and the values set
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD_BYTES = 128 * 1024
TRIM_THRESHOLD_BYTES = 1024 * 1024


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


def return_freed_memory() -> bool:
    """Have glibc's malloc give big freed blocks back to the system (see above). Returns whether it could (not
    on a C library without `mallopt`, such as musl's)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
