"""Unique slugs for public URLs."""

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 200, field: str = "slug") -> str:
    """Slugify `text` and add -2, -3... until no row of `model` has it."""
    base = slugify(text)[: max_length - 8].strip("-") or "item"
    taken = set(model._default_manager.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
