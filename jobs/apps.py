from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Job board"

    def ready(self):
        from jobs import signals  # noqa: F401 - keeps the stored search vectors current

        # Each lists its summary in KeptSummary.every: the facet cube, the sitemaps'.
        from jobs.services import facets, sitemap  # noqa: F401
