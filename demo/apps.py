from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data: seed_demo, ensure_demo_curator, the market facts and the factories (not installed in production)."""

    name = "demo"
