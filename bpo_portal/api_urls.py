"""/api/v1/: one router for the directory, the job board and the vocabularies, the token endpoint and the docs."""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from bpo_portal import taxonomy_api
from core.api.auth import TokenAuthentication, require_confirmed_email
from core.api.throttles import LoginAccountThrottle, LoginThrottle
from directory.api.views import InquiryViewSet, InvitationViewSet, ReviewViewSet, VendorViewSet
from insights.api import views as insights_api
from jobs.api.views import ApplicationViewSet, JobPostingViewSet, SavedJobViewSet, SeekerProfileView

router = DefaultRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("jobs", JobPostingViewSet, basename="job")
router.register("applications", ApplicationViewSet, basename="application")
router.register("saved-jobs", SavedJobViewSet, basename="saved-job")
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("reviews", ReviewViewSet, basename="review")
router.register("invitations", InvitationViewSet, basename="invitation")
router.register("services", taxonomy_api.ServiceTypeViewSet, basename="service")
router.register("industries", taxonomy_api.IndustryViewSet, basename="industry")
router.register("languages", taxonomy_api.LanguageViewSet, basename="language")
router.register("compliance-standards", taxonomy_api.ComplianceStandardViewSet, basename="compliance-standard")
router.register("skills", taxonomy_api.SkillViewSet, basename="skill")
router.register("certifications", taxonomy_api.CertificationViewSet, basename="certification")


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the token to send as `Authorization: Token <token>`."""

    throttle_classes = [LoginThrottle, LoginAccountThrottle]

    @extend_schema(
        summary="Get your API token (once your email address is confirmed)",
        auth=[],
        responses={200: inline_serializer("Token", fields={"token": serializers.CharField()})},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        require_confirmed_email(user)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(summary="Revoke the token this request is made with", responses={204: None})
    def delete(self, request, *args, **kwargs):
        if not isinstance(request.auth, Token):
            raise exceptions.NotAuthenticated("Send the token to revoke as Authorization: Token <token>.")
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_authenticators(self):
        return [TokenAuthentication()]


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
