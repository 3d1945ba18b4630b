"""Public directory pages. Only published vendors exist for the public: anything else is a 404."""

from django.views.generic import DetailView, ListView

from directory.models import Vendor


class PublishedVendorMixin:
    def get_queryset(self):
        return Vendor.objects.published().with_center_totals()


class VendorListView(PublishedVendorMixin, ListView):
    paginate_by = 24
    context_object_name = "vendors"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("services").order_by("-featured", "name")


class VendorDetailView(PublishedVendorMixin, DetailView):
    context_object_name = "vendor"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "services",
                "shore_models",
                "call_center_types",
                "channels",
                "languages",
                "industries",
                "compliance_standards",
                "centers",
            )
        )
