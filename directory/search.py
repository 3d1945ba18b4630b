"""The directory's search vector: name (A), tagline and services (B), description (C); see core/search.py."""

from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from core.search import SEARCH_CONFIG, refresh_search_vectors
from directory.models import Vendor


def vendor_search_vector():
    services = (
        Vendor.services.through.objects.filter(vendor=OuterRef("pk"))
        .order_by()
        .values("vendor")
        .annotate(names=StringAgg("servicetype__name", delimiter=Value(" ")))
        .values("names")
    )
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            "tagline",
            Coalesce(Subquery(services), Value(""), output_field=TextField()),
            weight="B",
            config=SEARCH_CONFIG,
        )
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


def refresh_vendor_search_vectors(*, vendor_ids=None, everything: bool = False) -> None:
    """Recompute the stored search vectors (PostgreSQL only) of the given vendors, or of every vendor."""
    refresh_search_vectors(Vendor, vendor_search_vector, pks=vendor_ids, everything=everything)
