from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django_countries import countries

from directory.models import DeliveryCenter, ServiceType, Vendor


class VendorSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Vendor.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, vendor):
        return vendor.updated_at


class DirectoryLandingSitemap(Sitemap):
    """The service and country landing pages that have published vendors."""

    changefreq = "daily"

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

    def location(self, path):
        return path
