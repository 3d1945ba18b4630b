"""Cache upkeep: a vendor's stored search vector follows its text and its services (core/search.py)."""

from django.db.models.signals import m2m_changed, post_save

from directory.models import Vendor
from directory.search import refresh_vendor_search_vectors


def _vendor_saved(sender, instance, **kwargs):
    refresh_vendor_search_vectors(vendor_ids=[instance.pk])


def _services_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Vendor):
        refresh_vendor_search_vectors(vendor_ids=[instance.pk])


post_save.connect(_vendor_saved, sender=Vendor, dispatch_uid="directory-search-vendor")
m2m_changed.connect(_services_changed, sender=Vendor.services.through, dispatch_uid="directory-search-services")
