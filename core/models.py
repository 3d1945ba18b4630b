"""Abstract models shared by the directory and the job board, and the search synonyms both searches use."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


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


class SearchSynonym(models.Model):
    """What people type into a search box, and what the search then looks for: `wfh` finds remote postings and
    "work from home", `CSR` finds customer service representatives. Curators edit the list in the admin; both
    searches (`core.search.full_text_query` on PostgreSQL, the apps' `search()` on SQLite) expand a query's words
    with it before searching."""

    class Scope(models.TextChoices):
        BOTH = "both", "Jobs and vendors"
        JOBS = "jobs", "Job search"
        VENDORS = "vendors", "Vendor search"

    phrase = models.CharField(
        max_length=60, help_text="What people type: one or more words, e.g. wfh or fresh grad (any case)."
    )
    alternatives = models.TextField(
        help_text="What the search looks for when the phrase is typed: words or phrases, one per line or "
        "separated by commas (e.g. remote, work from home). Any one of them will do."
    )
    keep_phrase = models.BooleanField(
        "also look for the phrase itself",
        default=True,
        help_text="Untick when the words typed mislead: 'no experience' should find entry-level postings, not every "
        "posting that mentions experience.",
    )
    scope = models.CharField(max_length=10, choices=Scope, default=Scope.JOBS)

    class Meta:
        ordering = ["phrase"]
        constraints = [
            models.UniqueConstraint(Lower("phrase"), "scope", name="search_synonym_phrase_once_per_scope"),
            models.CheckConstraint(condition=Q(scope__in=["both", "jobs", "vendors"]), name="search_synonym_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {', '.join(self.alternative_list())}"

    def alternative_list(self) -> list[str]:
        parts = (part.strip() for line in self.alternatives.splitlines() for part in line.split(","))
        return [part for part in parts if part]


class SearchWord(models.Model):
    """A word of the public listings' titles (jobs) or names (vendors), per search scope: what a misspelled search
    word is corrected to (`core.search.searched_words`), found through a trigram index on PostgreSQL. Kept by the
    apps' search-vector upkeep; a word whose listings are gone stays (it then finds nothing)."""

    scope = models.CharField(max_length=10)
    word = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "word"], name="search_word_once_per_scope")]

    def __str__(self) -> str:
        return f"{self.word} ({self.scope})"


class Summary(models.Model):
    """A figure counted ahead of the requests that read it (`core.summaries.KeptSummary`): the job list's facet
    cells, the pay ledger, the demand trends. One row per summary, packed bytes, counted again in place."""

    name = models.CharField(max_length=60, primary_key=True)
    built_at = models.DateTimeField(help_text="When it was counted.")
    seconds = models.FloatField(default=0, help_text="How long the count took.")
    size = models.PositiveIntegerField(default=0, help_text="How many rows (cells, postings, terms) it holds.")
    data = models.BinaryField()

    class Meta:
        verbose_name_plural = "summaries"

    def __str__(self) -> str:
        return f"{self.name}: {self.size} rows counted at {self.built_at:%Y-%m-%d %H:%M:%S} in {self.seconds:.1f} s"
