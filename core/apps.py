from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: base models, workflow and mail helpers, facets, API base classes."""

    name = "core"
    verbose_name = "Core"
