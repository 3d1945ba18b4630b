"""How many rows a list shows at once, and how deep it can be paged: the same for the list pages (core.listing)
and the API (core.api.base).

A `page_size` above MAX_PAGE_SIZE is capped, not refused, on both. Pages stop at MAX_PAGE_NUMBER: reading page
n skips the (n - 1) x page_size rows before it, so an unbounded page number would let one request walk a million
rows. Past it the list pages show the last page they have with a notice, and the API answers 404 saying why;
a narrower search (a filter, a search word) reaches any record within the first pages.
"""

from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE_NUMBER = 100
# The API lists count their selection up to this many rows and no further (`core.sql.PagedRows.count`): the most
# any page size can reach within MAX_PAGE_NUMBER pages, so every page that can be served is counted exactly, and
# a common search (550,000 postings) is not counted for two seconds. Past it the answer says `count_exact: false`.
COUNT_LIMIT = MAX_PAGE_NUMBER * MAX_PAGE_SIZE


class CappedPaginator(Paginator):
    """A paginator whose pages stop at MAX_PAGE_NUMBER, however many rows there are."""

    @property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGE_NUMBER)

    @property
    def is_capped(self) -> bool:
        return super().num_pages > MAX_PAGE_NUMBER
