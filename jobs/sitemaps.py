from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.seo import ListingSitemap, PathSitemap
from jobs.models import JobPosting
from jobs.selectors import job_sitemap_index
from jobs.services.sitemap import latest_open_change, open_countries, open_employers, open_skills


class JobPostingSitemap(ListingSitemap):
    """Open postings only: an expired or closed posting leaves the sitemap (its page says noindex)."""

    changefreq = "daily"
    url_name = "jobs:job_posting_detail"

    def items(self):
        return JobPosting.objects.published().order_by("pk").only("slug", "updated_at")

    def get_latest_lastmod(self):
        index = job_sitemap_index()  # counted ahead: a MAX over every open posting is not a crawler's wait
        return index.latest_change if index is not None else latest_open_change()


class JobLandingSitemap(PathSitemap):
    """Remote jobs, and the country and skill pages that list open postings."""

    def items(self):
        index = job_sitemap_index()
        codes = index.countries if index is not None else open_countries()
        skills = index.skills if index is not None else open_skills()
        return [
            reverse("jobs:remote"),
            *(reverse("jobs:country", kwargs={"code": code.lower()}) for code in codes),
            *(reverse("jobs:skill", kwargs={"slug": slug}) for slug in skills),
        ]


class EmployerSitemap(Sitemap):
    """Each employer's page of open jobs, 1,000 a page (rendering 5,000 took 0.2 s), changed when one of its open
    postings last changed: (slug, last change) pairs, from the sitemaps' summary (`jobs.services.sitemap`) or,
    before it is counted, the postings."""

    changefreq = "daily"
    limit = 1000

    def items(self):
        index = job_sitemap_index()
        return open_employers() if index is None else SummaryEmployers(index)

    @cached_property
    def _path_prefix(self) -> str:
        return reverse("jobs:employer", kwargs={"slug": "-"})[:-2]

    def location(self, employer):
        return f"{self._path_prefix}{employer[0]}/"  # the path with the slug put in: 5,000 reverse() cost 0.3 s

    def lastmod(self, employer):
        return employer[1]

    def get_latest_lastmod(self):
        index = job_sitemap_index()
        if index is not None:
            return index.latest_employer_change
        return max((latest for _, latest in open_employers()), default=None)


class SummaryEmployers:
    """The summary's employers as the sequence a sitemap's paginator pages through (its length, and slices)."""

    def __init__(self, index):
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    def count(self) -> int:
        return len(self.index)

    def __getitem__(self, key: slice) -> list[tuple[str, object]]:
        start, stop, _ = key.indices(len(self.index))
        return self.index.employers(start, stop)
