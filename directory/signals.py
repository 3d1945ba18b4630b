"""Cache upkeep: a vendor's stored search vector follows its text and the vocabularies it is searched by
(services, industries, compliance, languages; core/search.py)."""

from django.db.models.signals import m2m_changed, post_save

from directory.models import Vendor
from directory.search import SEARCHED_RELATIONS, refresh_vendor_search_vectors


def _vendor_saved(sender, instance, **kwargs):
    refresh_vendor_search_vectors(vendor_ids=[instance.pk])


def _terms_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Vendor):
        refresh_vendor_search_vectors(vendor_ids=[instance.pk])


post_save.connect(_vendor_saved, sender=Vendor, dispatch_uid="directory-search-vendor")
for relation in SEARCHED_RELATIONS:
    m2m_changed.connect(
        _terms_changed, sender=getattr(Vendor, relation).through, dispatch_uid=f"directory-search-{relation}"
    )
