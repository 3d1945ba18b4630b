"""Sitemap building blocks shared by the directory and the job board."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class ListingSitemap(Sitemap):
    """Public listings, 5,000 a page, each with its last change; subclasses give `items()`."""

    limit = 5000

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
