from django.urls import reverse

from core.seo import PathSitemap


class InsightsSitemap(PathSitemap):
    """The insights pages, recomputed from the live postings and vendors."""

    def items(self):
        return [reverse(name) for name in ["insights:home", "insights:pay", "insights:cost", "insights:demand"]]
