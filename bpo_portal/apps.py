from django.apps import AppConfig


class BpoPortalConfig(AppConfig):
    """Project-wide pieces: the health check, demo data, shared base classes and template tags."""

    name = "bpo_portal"
    verbose_name = "BPO Portal"
