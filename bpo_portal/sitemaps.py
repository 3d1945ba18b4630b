from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.sitemaps import DirectoryLandingSitemap, VendorSitemap


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "directory:vendor_list", "jobs:job_posting_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "vendors": VendorSitemap, "vendor-landing": DirectoryLandingSitemap}
