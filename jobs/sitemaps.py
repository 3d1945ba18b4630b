from django.urls import reverse

from core.seo import ListingSitemap, PathSitemap
from jobs.models import JobPosting


class JobPostingSitemap(ListingSitemap):
    """Open postings only: an expired or closed posting leaves the sitemap (its page says noindex)."""

    changefreq = "daily"

    def items(self):
        return JobPosting.objects.published().order_by("pk").only("slug", "updated_at")


class JobLandingSitemap(PathSitemap):
    def items(self):
        codes = JobPosting.objects.published().order_by("country").values_list("country", flat=True).distinct()
        return [reverse("jobs:remote")] + [reverse("jobs:country", kwargs={"code": code.lower()}) for code in codes]
