"""The directory's search vector: name (A); tagline, services, industries served, compliance and languages (B);
description (C). See core/search.py."""

from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from core.search import SEARCH_CONFIG, refresh_search_vectors, refresh_search_words
from directory.models import Vendor

# The vocabularies a buyer searches vendors by, beside their services: "HIPAA", "healthcare", "German".
SEARCHED_RELATIONS = ("services", "industries", "compliance_standards", "languages")


def _names(relation: str):
    """The names of the vendor's terms of one many-to-many relation, as one text."""
    field = Vendor._meta.get_field(relation)
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    names = (
        through.objects.filter(vendor=OuterRef("pk"))
        .order_by()
        .values("vendor")
        .annotate(names=StringAgg(f"{target}__name", delimiter=Value(" ")))
        .values("names")
    )
    return Coalesce(Subquery(names), Value(""), output_field=TextField())


def vendor_search_vector():
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            "tagline", *(_names(relation) for relation in SEARCHED_RELATIONS), weight="B", config=SEARCH_CONFIG
        )
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def refresh_vendor_search_vectors(*, vendor_ids=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the given vendors, or of every vendor, and add the
    words of their names, once published, to the vendor search's vocabulary (typos are corrected to them)."""
    refresh_search_vectors(Vendor, vendor_search_vector, pks=vendor_ids, everything=everything)
    refresh_search_words(Vendor.objects.published(), "name", pks=vendor_ids, everything=everything)
