"""/api/v1/vendors/ and the vocabularies: published vendors for everyone; a vendor's members also edit it."""

import functools
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from core.api.facets import FacetsMixin
from core.api.vocabulary import vocabulary_viewset
from core.client_address import client_address
from core.sql import PagedRows, selection_key
from directory.api.serializers import (
    ClaimSerializer,
    InquirySerializer,
    InvitationAcceptSerializer,
    InvitationSerializer,
    MatchResponseSerializer,
    PendingChangesSerializer,
    ReplySerializer,
    ReviewSerializer,
    VendorDetailSerializer,
    VendorSerializer,
    VendorWriteSerializer,
)
from directory.api.throttles import MatchThrottle
from directory.brief import MatchRequestSerializer
from directory.filters import VendorFilter
from directory.matching import match_answer
from directory.models import (
    ComplianceStandard,
    Industry,
    Inquiry,
    Language,
    Review,
    ServiceType,
    Vendor,
    VendorRevision,
)
from directory.selectors import employers_of, vendors_of
from directory.services.business import ConfirmationLimitReached, inquiry_create, review_create, review_reply
from directory.services.organizations import (
    claim_request_create,
    invitation_accept,
    invitation_create,
    vendor_propose_changes,
)


class VendorJourneyMixin:
    """Contact, review and claim a vendor: POST /api/v1/vendors/{slug}/inquiries/, .../reviews/, .../claim/."""

    def published_vendor(self, slug):
        return get_object_or_404(Vendor.objects.published(), slug=slug)

    @extend_schema(
        summary="Contact the vendor (signed in with a verified email: sent at once; otherwise after the emailed "
        "confirmation)",
        request=InquirySerializer,
        responses={201: InquirySerializer, 200: InquirySerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def inquiries(self, request, slug=None):
        vendor = self.published_vendor(slug)
        serializer = InquirySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services = data.pop("services", [])
        key = data.pop("submission_key", None) or uuid.uuid4()
        try:
            inquiry, created = inquiry_create(
                vendor=vendor,
                sender=request.user,
                fields=data,
                services=services,
                submission_key=key,
                client=client_address(request),
            )
        except ConfirmationLimitReached as error:
            raise exceptions.Throttled(wait=error.retry_after, detail=" ".join(error.messages)) from error
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(InquirySerializer(inquiry).data, status=code)

    @extend_schema(
        methods=["GET"], summary="The vendor's published reviews", responses={200: ReviewSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        summary="Review the vendor (after contacting it); shows once a curator approves it",
        request=ReviewSerializer,
        responses={201: ReviewSerializer},
    )
    # The reviews are one short list: not filtered or paginated like the vendor list this action hangs from.
    @action(
        detail=True,
        methods=["get", "post"],
        permission_classes=[IsAuthenticatedOrReadOnly],
        filter_backends=[],
        pagination_class=None,
    )
    def reviews(self, request, slug=None):
        vendor = self.published_vendor(slug)
        if request.method == "GET":
            approved = vendor.reviews.filter(status=Review.Status.APPROVED).order_by("-created_at")[:100]
            return Response(ReviewSerializer(approved, many=True).data)
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ratings = {name: serializer.validated_data[name] for name in Review.RATING_FIELDS}
        review = review_create(
            vendor=vendor, author=request.user, ratings=ratings, text=serializer.validated_data["text"]
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Vendors ranked for what a business needs, with the reasons and a cost estimate",
        request=MatchRequestSerializer,
        responses={200: MatchResponseSerializer},
    )
    @action(detail=False, methods=["post"], permission_classes=[AllowAny], throttle_classes=[MatchThrottle])
    def match(self, request):
        serializer = MatchRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        context = self.get_serializer_context()

        def render(result):
            data = {"full_match": result.full_match, "results": result.matches}
            return MatchResponseSerializer(data, context=context).data

        # The answer's links carry the site's address; its shape is the serializer's (another after a deploy).
        variant = f"{request.build_absolute_uri('/')}\n{_match_response_shape()}"
        return Response(match_answer(serializer.needs(), render, variant))

    @extend_schema(
        summary="Claim an unclaimed vendor (a curator decides)",
        request=ClaimSerializer,
        responses={
            201: inline_serializer(
                "ClaimSent",
                fields={"id": serializers.IntegerField(), "status": serializers.CharField(help_text="pending")},
            )
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def claim(self, request, slug=None):
        vendor = self.published_vendor(slug)
        serializer = ClaimSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_request_create(vendor=vendor, user=request.user, message=serializer.validated_data["message"])
        return Response({"id": claim.pk, "status": claim.status}, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Search published BPO and call-center vendors"),
    retrieve=extend_schema(summary="One vendor (published, or one you are a member of)"),
    partial_update=extend_schema(
        summary="Change your vendor's profile (a published profile changes after a curator's review)",
        request=VendorWriteSerializer,
        responses={200: VendorDetailSerializer, 202: PendingChangesSerializer},
    ),
)
class VendorViewSet(
    VendorJourneyMixin,
    FacetsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Published BPO and call-center vendors; a vendor's members also change its profile."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = VendorFilter
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        vendors = Vendor.objects.for_profile()
        user = self.request.user
        if self.action in ("list", "facets"):
            return vendors.published()
        if self.action == "retrieve":
            return vendors.filter(Q(pk__in=Vendor.objects.published().values("pk")) | Q(pk__in=vendors_of(user)))
        return vendors.filter(pk__in=vendors_of(user).values("pk"))

    def list(self, request, *args, **kwargs):
        """The serializer's JSON from one query per page (`card_rows`), not from model instances."""
        count_key = selection_key("api:vendors", request.query_params)
        vendors = PagedRows(self.filter_queryset(self.get_queryset()), lambda page: page.card_rows(), count_key)
        page = self.paginate_queryset(vendors)
        return self.get_paginated_response(VendorSerializer.cards(page, request))

    def get_serializer_class(self):
        if self.action == "partial_update":
            return VendorWriteSerializer
        return VendorSerializer if self.action == "list" else VendorDetailSerializer

    def partial_update(self, request, *args, **kwargs):
        vendor = self.get_object()
        serializer = VendorWriteSerializer(vendor, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        result = vendor_propose_changes(vendor=vendor, actor=request.user, **serializer.service_arguments())
        vendor = Vendor.objects.for_profile().get(pk=vendor.pk)
        data = VendorDetailSerializer(vendor, context=self.get_serializer_context()).data
        if isinstance(result, VendorRevision):
            # A published profile changes only when a curator approves: the body shows what is public now.
            return Response(
                {
                    "detail": "Your changes are waiting for a curator's review; the published profile is unchanged.",
                    "pending_changes": result.changes,
                    "vendor": data,
                },
                status=status.HTTP_202_ACCEPTED,
            )
        return Response(data)

    def facets_scope(self) -> str:
        return "api:vendors"


class InquiryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """GET /api/v1/inquiries/: those you sent, and those sent to your vendors (received=true)."""

    serializer_class = InquirySerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    @extend_schema(parameters=[OpenApiParameter("received", OpenApiTypes.STR, enum=["true", "false"])])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        received = self.request.query_params.get("received", "false")
        unknown = sorted(set(self.request.query_params) - {"received", "page", "page_size", "format"})
        if unknown or received not in ("true", "false"):
            raise exceptions.ValidationError(
                {name: ["Unknown parameter."] for name in unknown} or {"received": ["Allowed: true, false."]}
            )
        inquiries = Inquiry.objects.select_related("vendor").prefetch_related("services")
        if received == "true":
            return inquiries.filter(vendor__in=vendors_of(self.request.user), status=Inquiry.Status.SENT)
        return inquiries.filter(sender=self.request.user)


class ReviewViewSet(viewsets.GenericViewSet):
    """POST /api/v1/reviews/{id}/reply/: the vendor's one public reply."""

    queryset = Review.objects.none()
    lookup_value_regex = "[0-9]+"
    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        return Review.objects.filter(vendor__in=vendors_of(self.request.user))

    @extend_schema(summary="Reply to a published review of your vendor (once)", request=ReplySerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        review = self.get_object()
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = review_reply(review=review, actor=request.user, text=serializer.validated_data["reply"])
        return Response(ReviewSerializer(review).data)


class InvitationViewSet(viewsets.GenericViewSet):
    """POST /api/v1/invitations/ to invite a colleague; POST /api/v1/invitations/accept/ with the emailed token."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    @extend_schema(
        summary="Invite a colleague by email (owners and managers)",
        responses={
            201: inline_serializer(
                "InvitationSent", fields={"id": serializers.IntegerField(), "email": serializers.EmailField()}
            )
        },
    )
    def create(self, request):
        serializer = InvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kind, _, slug = serializer.validated_data["organization"].partition(":")
        organizations = vendors_of(request.user) if kind == "vendor" else employers_of(request.user)
        organization = get_object_or_404(organizations, slug=slug)
        try:
            invitation = invitation_create(
                organization=organization,
                email=serializer.validated_data["email"],
                role=serializer.validated_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            raise exceptions.PermissionDenied(" ".join(error.messages)) from error
        return Response({"id": invitation.pk, "email": invitation.email}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Accept an invitation",
        request=InvitationAcceptSerializer,
        responses={
            200: inline_serializer(
                "InvitationAccepted",
                fields={
                    "organization": serializers.CharField(help_text="The vendor's or employer's name."),
                    "role": serializers.CharField(help_text="owner, manager or recruiter"),
                },
            )
        },
    )
    @action(detail=False, methods=["post"])
    def accept(self, request):
        serializer = InvitationAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = invitation_accept(token=serializer.validated_data["token"], user=request.user)
        organization = invitation.vendor or invitation.employer
        return Response({"organization": str(organization), "role": invitation.role})


ServiceTypeViewSet = vocabulary_viewset(ServiceType, ["slug", "name", "category", "description"], "Service types.")
IndustryViewSet = vocabulary_viewset(Industry, ["slug", "name"], "Client industries.")
LanguageViewSet = vocabulary_viewset(Language, ["code", "name"], "Languages (ISO 639-1).")
ComplianceStandardViewSet = vocabulary_viewset(ComplianceStandard, ["slug", "name", "description"], "Compliance.")


@functools.cache
def _match_response_shape() -> str:
    """Every field of the matcher's answer, nested, as DRF prints a serializer: after a deploy that adds, drops or
    changes a field, an answer the old code cached is not served. (A change inside a method field's code is
    not seen: such an answer lasts its MATCHER_CACHE_SECONDS.)"""
    return repr(MatchResponseSerializer())
