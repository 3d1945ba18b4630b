from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Vendor directory"

    def ready(self):
        from directory import signals  # noqa: F401 - keeps the stored search vectors current
        from directory.services import facets  # noqa: F401 - lists the facet index in KeptSummary.every
