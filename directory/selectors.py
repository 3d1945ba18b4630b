"""Reads that span models: which organizations a user acts for, and the inquiries and reviews they see."""

from django.db.models import Q

from accounts.models import User
from directory.models import Employer, Inquiry, Review, Vendor


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
