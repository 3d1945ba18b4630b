"""/dashboard/ (no namespace: allauth's LOGIN_REDIRECT_URL and the emails name it)."""

from django.urls import path

from dashboard.views import dashboard

urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
]
