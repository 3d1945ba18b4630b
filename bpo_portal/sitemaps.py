from django.urls import reverse

from core.seo import PathSitemap
from directory.sitemaps import DirectoryLandingSitemap, VendorSitemap
from jobs.sitemaps import JobLandingSitemap, JobPostingSitemap


class PageSitemap(PathSitemap):
    def items(self):
        return [reverse(name) for name in ["home", "directory:vendor_list", "jobs:job_posting_list"]]


SITEMAPS = {
    "pages": PageSitemap,
    "vendors": VendorSitemap,
    "vendor-landing": DirectoryLandingSitemap,
    "jobs": JobPostingSitemap,
    "job-landing": JobLandingSitemap,
}
