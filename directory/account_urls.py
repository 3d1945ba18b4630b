"""The directory's signed-in pages (no namespace: emails and the dashboard name them)."""

from django.urls import path

from directory.views import business, organizations

urlpatterns = [
    path("dashboard/reviews/<int:pk>/reply/", business.reply_to_review, name="dashboard_review_reply"),
    path("dashboard/vendors/<slug:slug>/edit/", organizations.vendor_edit, name="dashboard_vendor_edit"),
    path("dashboard/invite/", organizations.invite, name="dashboard_invite"),
    path("invitations/<str:token>/", organizations.accept_invitation, name="invitation_accept"),
]
