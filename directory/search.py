"""The directory's search vector: name (A), tagline and services (B), description (C); see core/search.py."""

from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from core.search import SEARCH_CONFIG, is_postgresql
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
    if not is_postgresql() or not (everything or vendor_ids):
        return
    vendors = Vendor.objects.all() if everything else Vendor.objects.filter(pk__in=list(vendor_ids))
    vendors.update(search_vector=vendor_search_vector())
