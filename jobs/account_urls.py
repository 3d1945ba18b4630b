"""The job board's signed-in pages (no namespace: emails and allauth's LOGIN_REDIRECT_URL name them)."""

from django.urls import path

from jobs.views import alerts, employer, seeker

urlpatterns = [
    path("dashboard/jobs/new/", employer.posting_create, name="dashboard_posting_create"),
    path("dashboard/jobs/<slug:slug>/edit/", employer.posting_edit, name="dashboard_posting_edit"),
    path("dashboard/jobs/<slug:slug>/duplicate/", employer.posting_duplicate, name="dashboard_posting_duplicate"),
    path(
        "dashboard/jobs/<slug:slug>/applications/",
        employer.posting_applications,
        name="dashboard_applications",
    ),
    path(
        "dashboard/jobs/<slug:slug>/<str:action>/",
        employer.posting_action,
        name="dashboard_posting_action",
    ),
    path("dashboard/applications/<int:pk>/stage/", employer.application_stage, name="dashboard_stage"),
    path("dashboard/preview/", employer.markdown_preview, name="dashboard_preview"),
    path("me/profile/", seeker.seeker_profile, name="seeker_profile"),
    path("me/applications/", seeker.MyApplicationsView.as_view(), name="my_applications"),
    path("me/saved-jobs/", seeker.SavedJobsView.as_view(), name="saved_jobs"),
    path("me/alerts/", alerts.alerts, name="alerts"),
    path("me/alerts/<int:pk>/delete/", alerts.alert_delete, name="alert_delete"),
    path("alerts/unsubscribe/<str:token>/", alerts.unsubscribe, name="alerts_unsubscribe"),
    path("applications/<int:pk>/resume/", seeker.resume_download, name="resume_download"),
]
