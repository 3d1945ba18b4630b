"""Reads that span models: which organizations a user acts for, and the inquiries and reviews they see."""

from django.core.cache import cache
from django.db.models import Q
from django_countries import countries

from accounts.models import User
from core.sql import distinct_values
from directory.facets import VendorIndex
from directory.models import Employer, Inquiry, Review, Vendor, VendorMatchRow
from directory.services.facets import vendor_facet_summary


def vendors_of(user):
    """The vendors `user` is a member of."""
    if not user.is_authenticated:
        return Vendor.objects.none()
    return Vendor.objects.filter(memberships__user=user)


def employers_of(user):
    """The employers `user` hires for: in-house employers they belong to, and the employer of each of their
    vendors (a BPO posts jobs as its vendor's employer)."""
    if not user.is_authenticated:
        return Employer.objects.none()
    return Employer.objects.filter(Q(memberships__user=user) | Q(vendor__memberships__user=user)).distinct()


def member_emails(*, vendor=None, employer=None) -> list[str]:
    """The email addresses of a vendor's members, or of an employer's (a BPO employer's vendor members too)."""

    members = Q(pk__in=[])
    if vendor is not None:
        members |= Q(memberships__vendor=vendor)
    if employer is not None:
        members |= Q(memberships__employer=employer)
        if employer.vendor_id:
            members |= Q(memberships__vendor_id=employer.vendor_id)
    return sorted(set(User.objects.filter(members).exclude(email="").values_list("email", flat=True)))


def inquiries_received(vendors):
    """Inquiries sent (confirmed) to any of `vendors`, newest first."""
    return (
        Inquiry.objects.filter(vendor__in=vendors, status=Inquiry.Status.SENT)
        .select_related("vendor")
        .prefetch_related("services")
    )


def reviews_received(vendors):
    return Review.objects.filter(vendor__in=vendors).select_related("vendor")


def inquiries_sent(user):
    return Inquiry.objects.filter(sender=user).select_related("vendor")


def reviews_written(user):
    return Review.objects.filter(author=user).select_related("vendor")


def delivery_countries() -> list[tuple[str, str]]:
    """(code, name) of every country where a published vendor has a delivery center, by name; cached briefly."""
    found = cache.get("directory:delivery-countries")
    if found is None:
        # From the matcher's index, which holds a row per center of every vendor: a probe per country, not a scan.
        codes = distinct_values(VendorMatchRow, "country", "published = %s AND country <> ''", (True,))
        found = sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])
        cache.set("directory:delivery-countries", found, 600)
    return found


def vendor_facet_index() -> VendorIndex | None:
    """The latest facet index of the published vendors (None: none yet, or turned off; `core.summaries`)."""
    return vendor_facet_summary.current()
