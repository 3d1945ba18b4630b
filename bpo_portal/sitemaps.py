from django.urls import reverse

from core.seo import PathSitemap
from directory.sitemaps import DirectoryLandingSitemap, VendorSitemap
from insights.sitemaps import InsightsSitemap
from jobs.sitemaps import EmployerSitemap, JobLandingSitemap, JobPostingSitemap


class PageSitemap(PathSitemap):
    def items(self):
        return [reverse(name) for name in ["home", "directory:vendor_list", "directory:match", "jobs:job_posting_list"]]


# Every indexable kind of page, one section each (sitemap-<section>.xml), listed by the index at /sitemap.xml, which
# robots.txt names: the lists, the vendor profiles and postings, their landing pages (services, countries, remote,
# skills), the employers' pages and the insights.
SITEMAPS = {
    "pages": PageSitemap,
    "vendors": VendorSitemap,
    "vendor-landing": DirectoryLandingSitemap,
    "jobs": JobPostingSitemap,
    "job-landing": JobLandingSitemap,
    "employers": EmployerSitemap,
    "insights": InsightsSitemap,
}
