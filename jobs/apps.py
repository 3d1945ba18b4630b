from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Job board"

    def ready(self):
        from jobs import signals  # noqa: F401 - keeps the stored search vectors current
        from jobs.services import facets  # noqa: F401 - lists the facet summary in KeptSummary.every
