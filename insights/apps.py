from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Market insights"

    def ready(self):
        from insights import (
            signals,  # noqa: F401 - connects the cache invalidation
            summaries,  # noqa: F401 - lists its summaries in KeptSummary.every
        )
