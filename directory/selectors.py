"""Reads that span models: which organizations a user acts for."""

from django.db.models import Q

from directory.models import Employer, Vendor


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
