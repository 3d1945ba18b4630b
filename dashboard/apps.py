from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The signed-in dashboard: one page that composes both halves for whoever signs in."""

    name = "dashboard"
