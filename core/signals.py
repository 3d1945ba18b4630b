"""Cache upkeep: the search synonyms are cached (core/search.py) until a curator changes one."""

from django.db.models.signals import post_delete, post_save

from core.models import SearchSynonym
from core.search import forget_synonyms

post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="core-synonyms-saved")
post_delete.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="core-synonyms-deleted")
