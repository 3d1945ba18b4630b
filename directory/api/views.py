"""/api/v1/vendors/ and the vocabularies: published vendors for everyone; a vendor's members also edit it."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from directory.api.serializers import (
    PendingChangesSerializer,
    VendorDetailSerializer,
    VendorSerializer,
    VendorWriteSerializer,
)
from directory.filters import VendorFilter
from directory.models import Vendor, VendorRevision
from directory.organizations import vendor_propose_changes
from directory.selectors import vendors_of


@extend_schema_view(
    list=extend_schema(summary="Search published BPO and call-center vendors"),
    retrieve=extend_schema(summary="One vendor (published, or one you are a member of)"),
    partial_update=extend_schema(
        summary="Change your vendor's profile (a published profile changes after a curator's review)",
        request=VendorWriteSerializer,
        responses={200: VendorDetailSerializer, 202: PendingChangesSerializer},
    ),
)
class VendorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = VendorFilter
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        vendors = Vendor.objects.for_profile()
        user = self.request.user
        if self.action == "list":
            return vendors.published()
        if self.action == "retrieve":
            return vendors.filter(Q(pk__in=Vendor.objects.published().values("pk")) | Q(pk__in=vendors_of(user)))
        return vendors.filter(pk__in=vendors_of(user).values("pk"))

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
