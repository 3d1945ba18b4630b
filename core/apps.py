from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: base models, workflow and mail helpers, facets, API base classes, search synonyms."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import signals  # noqa: F401 - drops the cached search synonyms when curators change them
