"""Abstract models shared by the directory and the job board."""

from django.db import models


class TaxonomyTerm(models.Model):
    """A named, slugged term of a curated vocabulary (service types, industries, skills...)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in lists and filters.")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
