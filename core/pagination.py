"""How many rows a list shows at once: the same for the list pages (core.listing) and the API (core.api.base).

A `page_size` above MAX_PAGE_SIZE is capped, not refused, on both.
"""

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
