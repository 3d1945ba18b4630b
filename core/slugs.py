"""Unique slugs for public URLs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

# Path segments the vendor and job URLs use for their own pages (/vendors/compare/, /jobs/remote/...):
# a listing with such a slug could never be reached.
RESERVED_SLUGS = frozenset(
    {"compare", "shortlist", "services", "countries", "match", "facets", "remote", "feed", "skills", "employers"}
)


def validate_public_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "%(value)s is reserved for a page of the site; choose another slug.", params={"value": value}
        )


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 200, field: str = "slug") -> str:
    """Slugify `text` and add -2, -3... until no row of `model` has it."""
    base = slugify(text)[: max_length - 8].strip("-") or "item"
    taken = set(model._default_manager.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
