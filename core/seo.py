"""Sitemap building blocks shared by the directory and the job board."""

import math
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, Min
from django.urls import reverse


class KeyRangePaginator:
    """Sitemap pages by ranges of the primary key, from the smallest listed: page n lists the items whose key is
    in (first - 1 + (n-1) x limit, first - 1 + n x limit], read by the primary key's index. Neither a page nor
    the index of pages counts the items or skips rows with OFFSET (one MIN/MAX probe of the index each), so the
    last page of a million postings costs what the first does. Keys of removed or unpublished listings leave
    gaps: a page may list fewer than `limit`, or none."""

    def __init__(self, items, limit: int):
        self.items, self.limit = items, limit

    @cached_property
    def _keys(self) -> tuple[int, int]:
        found = self.items.order_by().aggregate(first=Min("pk"), last=Max("pk"))
        return (found["first"] or 1) - 1, found["last"] or 0

    @property
    def num_pages(self) -> int:
        before, last = self._keys
        return max(1, math.ceil((last - before) / self.limit))

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1 or number > self.num_pages:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        number = self.validate_number(number)
        low = self._keys[0] + (number - 1) * self.limit
        return KeyRangePage(self.items.filter(pk__gt=low, pk__lte=low + self.limit).order_by("pk"))


class KeyRangePage:
    def __init__(self, object_list):
        self.object_list = object_list


class ListingSitemap(Sitemap):
    """Public listings, 500 keys a page (`KeyRangePaginator`), each with its last change; subclasses give
    `items()` and `url_name`, the listing page's URL name (it takes the slug). 500, not the 50,000 a sitemap may
    hold: rendering each URL is what a page costs (about 30 ms for 500), and crawlers fetch the pages one by one
    anyway. Each location is the page's path with the slug put in, not a `reverse()` per listing."""

    limit = 500
    url_name = ""

    @cached_property
    def paginator(self):  # one per sitemap object: the views make one per request
        return KeyRangePaginator(self.items(), self.limit)

    @cached_property
    def _path_prefix(self) -> str:
        return reverse(self.url_name, kwargs={"slug": "-"})[:-2]

    def location(self, listing):
        return f"{self._path_prefix}{listing.slug}/"

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default walk over every item, for the sitemap index.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, listing):
        return listing.updated_at


class PathSitemap(Sitemap):
    """Landing pages given as paths by `items()`."""

    changefreq = "daily"

    def location(self, path):
        return path
