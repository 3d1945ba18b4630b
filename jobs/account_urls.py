"""The signed-in pages of the job journeys (no namespace: emails and allauth's LOGIN_REDIRECT_URL name them)."""

from django.urls import path

from directory import business_views, organization_views
from jobs import alert_views, employer_views, seeker_views

urlpatterns = [
    path("dashboard/", employer_views.dashboard, name="dashboard"),
    path("dashboard/jobs/new/", employer_views.posting_create, name="dashboard_posting_create"),
    path("dashboard/jobs/<slug:slug>/edit/", employer_views.posting_edit, name="dashboard_posting_edit"),
    path("dashboard/jobs/<slug:slug>/duplicate/", employer_views.posting_duplicate, name="dashboard_posting_duplicate"),
    path(
        "dashboard/jobs/<slug:slug>/applications/",
        employer_views.posting_applications,
        name="dashboard_applications",
    ),
    path(
        "dashboard/jobs/<slug:slug>/<str:action>/",
        employer_views.posting_action,
        name="dashboard_posting_action",
    ),
    path("dashboard/applications/<int:pk>/stage/", employer_views.application_stage, name="dashboard_stage"),
    path("dashboard/preview/", employer_views.markdown_preview, name="dashboard_preview"),
    path("dashboard/reviews/<int:pk>/reply/", business_views.reply_to_review, name="dashboard_review_reply"),
    path("dashboard/vendors/<slug:slug>/edit/", organization_views.vendor_edit, name="dashboard_vendor_edit"),
    path("dashboard/invite/", organization_views.invite, name="dashboard_invite"),
    path("invitations/<str:token>/", organization_views.accept_invitation, name="invitation_accept"),
    path("me/profile/", seeker_views.seeker_profile, name="seeker_profile"),
    path("me/applications/", seeker_views.MyApplicationsView.as_view(), name="my_applications"),
    path("me/saved-jobs/", seeker_views.SavedJobsView.as_view(), name="saved_jobs"),
    path("me/alerts/", alert_views.alerts, name="alerts"),
    path("me/alerts/<int:pk>/delete/", alert_views.alert_delete, name="alert_delete"),
    path("alerts/unsubscribe/<str:token>/", alert_views.unsubscribe, name="alerts_unsubscribe"),
    path("applications/<int:pk>/resume/", seeker_views.resume_download, name="resume_download"),
]
