"""Abstract models shared by the directory and the job board."""

from django.conf import settings
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


class ModeratedModel(models.Model):
    """What curators' moderation records on a listing: the last status change, a rejection's reason and
    the first publication. The `status` field itself is the concrete model's, with its own choices."""

    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    rejection_reason = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
