from django.urls import reverse
from django_countries import countries

from core.seo import ListingSitemap, PathSitemap
from directory.models import DeliveryCenter, ServiceType, Vendor


class VendorSitemap(ListingSitemap):
    changefreq = "weekly"
    url_name = "directory:vendor_detail"

    def items(self):
        return Vendor.objects.published().order_by("pk").only("slug", "updated_at")


class DirectoryLandingSitemap(PathSitemap):
    """The service and country landing pages that have published vendors."""

    def items(self):
        published = Vendor.objects.published()
        services = ServiceType.objects.filter(vendors__in=published).distinct().order_by("slug")
        country_codes = (
            DeliveryCenter.objects.filter(vendor__in=published).order_by("country").values_list("country", flat=True)
        )
        return [reverse("directory:service_vendors", kwargs={"slug": service.slug}) for service in services] + [
            reverse("directory:country_vendors", kwargs={"code": code.lower()})
            for code in dict.fromkeys(country_codes)
            if code in countries
        ]
