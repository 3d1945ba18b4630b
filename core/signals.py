"""Cache upkeep: the search synonyms are cached (core/search.py) until a curator changes one; whole public pages
are kept (core/page_cache.py) until a row they show changes."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import SearchSynonym
from core.page_cache import public_pages_changed
from core.search import forget_synonyms

post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="core-synonyms-saved")
post_delete.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="core-synonyms-deleted")


def _watch_public_models() -> None:
    """A change to a model shown on public pages draws a new version of every kept page (core/page_cache.py)."""
    private = {label.lower() for label in settings.PAGE_CACHE_PRIVATE_MODELS}
    for app_label in settings.PAGE_CACHE_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            owner = model._meta.auto_created  # a many-to-many table belongs to its model
            if model._meta.label_lower in private or (owner and owner._meta.label_lower in private):
                continue
            post_save.connect(public_pages_changed, sender=model, dispatch_uid="page-cache-saved")
            post_delete.connect(public_pages_changed, sender=model, dispatch_uid="page-cache-deleted")
            m2m_changed.connect(public_pages_changed, sender=model, dispatch_uid="page-cache-related")


_watch_public_models()
