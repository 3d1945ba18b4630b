"""Cache upkeep: a vendor's stored search vector follows its text and the vocabularies it is searched by
(services, industries, compliance, languages; core/search.py); the matcher's index follows what briefs are
judged on."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from directory.match_index import VOCABULARIES, match_rows_refresh, terms_changed
from directory.models import DeliveryCenter, Vendor, VendorCertification
from directory.search import SEARCHED_RELATIONS, refresh_vendor_search_vectors

MATCHED_RELATIONS = ("services", "channels", "call_center_types", "industries", "shore_models", "compliance_standards")


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


# The vendor matcher's index (directory/match_index.py) follows the vendor, its centers, terms and certifications.


def _refresh_vendor(sender, instance, **kwargs):
    match_rows_refresh([instance.pk])


def _refresh_owner(sender, instance, **kwargs):
    match_rows_refresh([instance.vendor_id])


def _refresh_terms(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Vendor):
        match_rows_refresh([instance.pk])
    elif isinstance(instance, DeliveryCenter):
        match_rows_refresh([instance.vendor_id])
    elif model is Vendor and pk_set:
        match_rows_refresh(pk_set)
    elif model is DeliveryCenter and pk_set:
        match_rows_refresh(DeliveryCenter.objects.filter(pk__in=pk_set).values_list("vendor_id", flat=True))


post_save.connect(_refresh_vendor, sender=Vendor, dispatch_uid="directory-match-vendor")
for model in (DeliveryCenter, VendorCertification):
    post_save.connect(_refresh_owner, sender=model, dispatch_uid=f"directory-match-{model.__name__}-saved")
    post_delete.connect(_refresh_owner, sender=model, dispatch_uid=f"directory-match-{model.__name__}-deleted")
for through in (
    *(getattr(Vendor, name).through for name in MATCHED_RELATIONS),
    DeliveryCenter.languages.through,
):
    m2m_changed.connect(_refresh_terms, sender=through, dispatch_uid=f"directory-match-{through.__name__}")


def _vocabulary_changed(sender, instance, created=True, **kwargs):
    """A term added or deleted moves the bits of the terms after it: every mask is rebuilt (renaming moves none)."""
    if created:
        terms_changed()


for model in VOCABULARIES:
    post_save.connect(_vocabulary_changed, sender=model, dispatch_uid=f"directory-match-terms-{model.__name__}-saved")
    post_delete.connect(
        _vocabulary_changed, sender=model, dispatch_uid=f"directory-match-terms-{model.__name__}-deleted"
    )
