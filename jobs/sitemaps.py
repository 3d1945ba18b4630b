from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from core.seo import ListingSitemap, PathSitemap
from directory.models import Employer
from jobs.models import JobPosting, Skill


class JobPostingSitemap(ListingSitemap):
    """Open postings only: an expired or closed posting leaves the sitemap (its page says noindex)."""

    changefreq = "daily"
    url_name = "jobs:job_posting_detail"

    def items(self):
        return JobPosting.objects.published().order_by("pk").only("slug", "updated_at")


class JobLandingSitemap(PathSitemap):
    """Remote jobs, and the country and skill pages that list open postings."""

    def items(self):
        open_postings = JobPosting.objects.published()
        codes = open_postings.order_by("country").values_list("country", flat=True).distinct()
        skills = Skill.objects.filter(job_postings__in=open_postings).distinct().order_by("slug")
        return [
            reverse("jobs:remote"),
            *(reverse("jobs:country", kwargs={"code": code.lower()}) for code in codes),
            *(reverse("jobs:skill", kwargs={"slug": slug}) for slug in skills.values_list("slug", flat=True)),
        ]


class EmployerSitemap(Sitemap):
    """Each employer's page of open jobs, 5,000 a page, changed when one of its open postings last changed."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Employer.objects.filter(job_postings__in=JobPosting.objects.published())
            .annotate(latest=Max("job_postings__updated_at"))
            .order_by("slug")
            .only("slug")
        )

    def location(self, employer):
        return reverse("jobs:employer", kwargs={"slug": employer.slug})

    def lastmod(self, employer):
        return employer.latest

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("latest"))["newest"]
