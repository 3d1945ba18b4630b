"""/api/v1/: one router for the directory, the job board and the vocabularies, the token endpoint and the docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts.api.views import TokenView
from directory.api.views import (
    ComplianceStandardViewSet,
    IndustryViewSet,
    InquiryViewSet,
    InvitationViewSet,
    LanguageViewSet,
    ReviewViewSet,
    ServiceTypeViewSet,
    VendorViewSet,
)
from insights.api import views as insights_api
from jobs.api.views import (
    ApplicationViewSet,
    CertificationViewSet,
    JobPostingViewSet,
    SavedJobViewSet,
    SeekerProfileView,
    SkillViewSet,
)

router = DefaultRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("jobs", JobPostingViewSet, basename="job")
router.register("applications", ApplicationViewSet, basename="application")
router.register("saved-jobs", SavedJobViewSet, basename="saved-job")
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("reviews", ReviewViewSet, basename="review")
router.register("invitations", InvitationViewSet, basename="invitation")
router.register("services", ServiceTypeViewSet, basename="service")
router.register("industries", IndustryViewSet, basename="industry")
router.register("languages", LanguageViewSet, basename="language")
router.register("compliance-standards", ComplianceStandardViewSet, basename="compliance-standard")
router.register("skills", SkillViewSet, basename="skill")
router.register("certifications", CertificationViewSet, basename="certification")


app_name = "api"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("me/profile/", SeekerProfileView.as_view(), name="seeker-profile"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (docs/?script=), so the page has no inline
    # script for the Content Security Policy to refuse.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("insights/pay/", insights_api.PayInsightsView.as_view(), name="insights-pay"),
    path("insights/cost/", insights_api.CostInsightsView.as_view(), name="insights-cost"),
    path("insights/demand/", insights_api.DemandInsightsView.as_view(), name="insights-demand"),
    *router.urls,
]
