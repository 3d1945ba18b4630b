"""Reads of the directory, as chainable queryset methods."""

import operator
from functools import reduce

from django.db import models
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.search import is_postgresql, search_groups, vector_or_close_words
from core.search import relevance as search_relevance
from core.sql import key_in_any, related_json_rows, with_related_json
from directory.choices import VendorHours, VendorStatus

# The columns behind a vendor in the API list (see `card_rows`).
CARD_COLUMNS = (
    *("slug", "name", "tagline", "hourly_rate_min", "hourly_rate_max", "pricing_model", "hours", "min_seats"),
    *("min_contract_months", "verified", "featured", "rating_average", "rating_count", "founded_year"),
    *("headquarters_country", "employees"),
)

# Coverage a buyer can ask for, and the vendor hours that provide at least that much.
HOURS_AT_LEAST = {
    VendorHours.BUSINESS: [VendorHours.BUSINESS, VendorHours.EXTENDED, VendorHours.ALWAYS],
    VendorHours.EXTENDED: [VendorHours.EXTENDED, VendorHours.ALWAYS],
    VendorHours.ALWAYS: [VendorHours.ALWAYS],
}


def _count_of(rows, distinct: str | None = None):
    """How many of `rows` (related rows of the outer record, or of `distinct` values among them), as a subquery."""
    counted = Count(distinct, distinct=True) if distinct else Count("*")
    return Coalesce(Subquery(rows.order_by().values("vendor_id").annotate(n=counted).values("n")), 0)


# How many of the newest vendors per service, and per delivery country, `similar_to` weighs.
SIMILAR_CANDIDATES = 300


class VendorCertificationQuerySet(models.QuerySet):
    def valid(self, on=None):
        """Checked by a curator and not expired on `on` (today by default): the certifications that count."""
        return self.filter(checked_at__isnull=False, valid_until__gte=on or timezone.localdate())


class VendorQuerySet(models.QuerySet):
    search_scope = "vendors"  # which of the curators' search synonyms apply (core.search)

    def published(self):
        return self.filter(status=VendorStatus.PUBLISHED)

    def pending_review(self):
        return self.filter(status=VendorStatus.PENDING)

    def featured(self):
        return self.published().filter(featured=True)

    def with_center_totals(self):
        """Annotate `total_seats` and `center_count` with correlated subqueries.

        Subqueries rather than a join, so that other filters joining many-to-many tables
        cannot multiply the sums.
        """
        centers = self.model.centers.rel.related_model.objects.filter(vendor=OuterRef("pk")).order_by().values("vendor")
        return self.annotate(
            total_seats=Coalesce(
                Subquery(centers.annotate(s=Sum("seats")).values("s")),
                0,
                output_field=IntegerField(),
            ),
            center_count=Coalesce(
                Subquery(centers.annotate(c=Count("pk")).values("c")),
                0,
                output_field=IntegerField(),
            ),
        )

    def search(self, text: str, exact: bool = False):
        """Vendors where every word of `text` appears in the name, tagline or description, or in the name of a
        service, an industry served, a compliance standard or a language (a synonym phrase of the curators'
        list matching any of its alternatives instead); on PostgreSQL through the stored vector, with typos."""
        if is_postgresql():
            return vector_or_close_words(self, text, exact=exact)
        queryset = self
        for alternatives in search_groups(text, self.search_scope):
            queryset = queryset.filter(reduce(operator.or_, (self._mentions(phrase) for phrase in alternatives)))
        return queryset

    def _mentions(self, phrase: str) -> Q:
        """Where SQLite's search looks for a word or a phrase."""
        condition = Q(name__icontains=phrase) | Q(tagline__icontains=phrase) | Q(description__icontains=phrase)
        for relation in ("services", "industries", "compliance_standards", "languages"):
            terms = getattr(self.model, relation).rel.model.objects
            condition |= Exists(terms.filter(vendors=OuterRef("pk"), name__icontains=phrase))
        return condition

    def covering(self, hours: str):
        """Vendors whose hours cover at least `hours` (24x7 covers extended, which covers business hours)."""
        return self.filter(hours__in=HOURS_AT_LEAST[hours])

    def by_relevance(self, text: str = ""):
        """Best first: a name containing the search text, then featured, verified and rated vendors."""
        ordering = [F("featured").desc(), F("verified").desc(), F("rating_average").desc(nulls_last=True), "name"]
        if text.strip() and is_postgresql():
            relevance = search_relevance(text, "name", self.search_scope)
            return self.annotate(relevance=relevance).order_by(F("relevance").desc(), *ordering, "pk")
        if text.strip():
            name_match = Case(When(name__icontains=text.strip(), then=Value(1)), default=Value(0))
            ordering.insert(0, name_match.desc())
        return self.order_by(*ordering, "pk")

    def for_profile(self):
        """Everything a profile or the compare page shows, in one query (the relations as JSON)."""
        return with_related_json(
            self.with_center_totals(),
            "services",
            "shore_models",
            "call_center_types",
            "channels",
            "languages",
            "industries",
            "compliance_standards",
            "centers__languages",
            "certifications__standard",
        )

    def for_cards(self):
        """What a vendor card in a list shows, in one query: services and delivery centers as JSON."""
        return with_related_json(self.with_center_totals(), "services", "centers")

    def card_rows(self):
        """Dicts of what a vendor in the API list shows, in one query whatever the page size: the vendor's columns,
        its seats, and each vocabulary and its centers' countries as JSON arrays (unordered:
        `VendorSerializer.cards` orders them as the serializer would)."""
        vocabularies = {
            "services": ("category", "position", "name", "slug"),
            "shore_models": ("position", "name", "slug"),
            "call_center_types": ("position", "name", "slug"),
            "channels": ("position", "name", "slug"),
            "languages": ("name", "code"),
            "industries": ("position", "name", "slug"),
            "compliance_standards": ("position", "name", "slug"),
        }
        rows = {
            f"{name}_rows": related_json_rows(
                self.model._meta.get_field(name).related_model.objects.all(), "vendors", *fields
            )
            for name, fields in vocabularies.items()
        }
        centers = self.model.centers.rel.related_model.objects.all()
        rows["country_rows"] = related_json_rows(centers, "vendor", "country")
        return (
            self.prefetch_related(None)
            .with_center_totals()
            .annotate(**rows)
            .values(*CARD_COLUMNS, "total_seats", *rows)
        )

    def similar_to(self, vendor, limit: int = 4):
        """Published vendors offering the most of the same services, then sharing delivery countries. Weighed among
        the `SIMILAR_CANDIDATES` newest vendors offering each of its services and as many with a center in each of
        its countries, so that the page costs the same however large the directory."""
        services = [service.pk for service in vendor.services.all()]
        countries = sorted({center.country.code for center in vendor.centers.all()})
        offering = self.model.services.through.objects
        centers = self.model.centers.rel.related_model.objects
        newest = [
            *(offering.filter(servicetype_id=service) for service in services),
            *(centers.filter(country=country) for country in countries),
        ]
        parts = [
            rows.order_by("-vendor_id").values_list("vendor_id", flat=True)[:SIMILAR_CANDIDATES] for rows in newest
        ]
        if not parts:
            return self.none()
        return (
            self.published()
            .exclude(pk=vendor.pk)
            .filter(key_in_any(parts))
            .annotate(  # counted per candidate by key, not grouped: the rows stay narrow until the last four
                shared_services=_count_of(offering.filter(vendor_id=OuterRef("pk"), servicetype_id__in=services)),
                shared_countries=_count_of(
                    centers.filter(vendor_id=OuterRef("pk"), country__in=countries), distinct="country"
                ),
            )
            .order_by("-shared_services", "-shared_countries", "-verified", "name")[:limit]
        )
