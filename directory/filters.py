"""The vendor search: one FilterSet for the public list, its landing pages and the API.

Parameter names are the API's contract (`/api/v1/vendors/`), so a list URL and an API URL take the same
query string. How several values of one filter combine follows what a buyer means:

- `service`, `channel`, `language`, `compliance`: the vendor offers all of them;
- `shore_model`, `call_center_type`, `country`, `industry`: any of them will do;
- `hours`: at least that coverage (24x7 covers extended hours, which cover business hours).
"""

import django_filters
from django import forms
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Cast
from django_countries import countries

from core.facets import (
    ColumnCount,
    CountryFilter,
    FacetedFilterSet,
    IntegerFilter,
    ModelMultipleValuesFilter,
    NullsLastOrderingFilter,
    RelatedCount,
    related_counts,
    term_rows,
)
from directory.choices import ServiceCategory, VendorHours
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Industry,
    Language,
    ServiceType,
    ShoreModel,
    Vendor,
)
from directory.querysets import HOURS_AT_LEAST
from directory.shore import shore_model_case

VERIFIED_CHOICES = [("true", "Verified only"), ("false", "Not verified")]


declared_shore_counts = related_counts(ShoreModel.objects.all(), "vendors")


def count_hours() -> ColumnCount:
    """Vendors per coverage asked for: 'business' counts every vendor, 24x7 only round-the-clock ones."""
    return ColumnCount(
        "hours",
        per_value=lambda counts: [
            (hours.value, hours.label, sum(counts.get(h, 0) for h in HOURS_AT_LEAST[hours]), "")
            for hours in VendorHours
        ],
    )


def count_categories() -> RelatedCount:
    """Vendors offering at least one service of each category."""
    through = Vendor.services.through
    return RelatedCount(
        through.objects.values(fx_r=F("vendor_id"), fx_k=F("servicetype__category")),
        distinct=True,
        per_value=lambda counts: [
            (category.value, category.label, counts.get(category.value, 0), "") for category in ServiceCategory
        ],
    )


def count_countries() -> RelatedCount:
    """Vendors per country they deliver from, by the country's name."""
    return RelatedCount(
        DeliveryCenter.objects.values(fx_r=F("vendor_id"), fx_k=Cast("country", TextField())),
        distinct=True,
        per_value=lambda counts: sorted(
            ((code, countries.name(code), n, "") for code, n in counts.items()), key=lambda row: row[1]
        ),
    )


def count_verified() -> ColumnCount:
    verified = Case(When(verified=True, then=Value("true")), default=Value("false"))
    return ColumnCount(verified, per_value=lambda counts: [("true", "Verified only", counts.get("true", 0), "")])


class CountryCodeField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).upper()


class ClientCountryFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class ShoreModelFilter(ModelMultipleValuesFilter):
    """The vendor's declared shore models; with `client_country`, computed from where its centers are instead
    (directory/shore.py): onshore in the client's country, nearshore in a nearby one, offshore elsewhere."""

    def condition_for(self, model, value) -> Q:
        client = self.parent.form.cleaned_data.get("client_country") if self.parent else None
        if not client:
            return super().condition_for(model, value)
        centers = DeliveryCenter.objects.annotate(shore=shore_model_case(client)).filter(shore__in=value)
        return Q(pk__in=centers.values("vendor_id"))


class VendorFilter(FacetedFilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search", max_length=200)
    service = ModelMultipleValuesFilter(
        label="Services", field_name="services__slug", queryset=ServiceType.objects.all(), match="all"
    )
    category = django_filters.ChoiceFilter(
        label="Service category",
        field_name="services__category",
        choices=ServiceCategory.choices,
        method="filter_category",
    )
    shore_model = ShoreModelFilter(
        label="Shore model", field_name="shore_models__slug", queryset=ShoreModel.objects.all(), match="any"
    )
    client_country = ClientCountryFilter(
        label="Your country (for the shore model)", choices=list(countries), method="filter_client_country"
    )
    call_center_type = ModelMultipleValuesFilter(
        label="Call-center type",
        field_name="call_center_types__slug",
        queryset=CallCenterType.objects.all(),
        match="any",
    )
    channel = ModelMultipleValuesFilter(
        label="Channels", field_name="channels__slug", queryset=Channel.objects.all(), match="all"
    )
    language = ModelMultipleValuesFilter(
        label="Languages",
        field_name="languages__code",
        queryset=Language.objects.all(),
        to_field_name="code",
        match="all",
    )
    country = CountryFilter(
        label="Delivery country", field_name="centers__country", choices=list(countries), match="any"
    )
    industry = ModelMultipleValuesFilter(
        label="Industry", field_name="industries__slug", queryset=Industry.objects.all(), match="any"
    )
    compliance = ModelMultipleValuesFilter(
        label="Compliance",
        field_name="compliance_standards__slug",
        queryset=ComplianceStandard.objects.all(),
        match="all",
    )
    max_hourly_rate = django_filters.NumberFilter(
        label="Maximum hourly rate (USD)",
        field_name="hourly_rate_min",
        lookup_expr="lte",
        min_value=0,
        max_value=100_000,
        max_digits=8,
        decimal_places=2,
    )
    min_seats = IntegerFilter(
        label="Minimum seats", field_name="total_seats", lookup_expr="gte", min_value=0, max_value=10_000_000
    )
    hours = django_filters.ChoiceFilter(label="Hours of coverage", choices=VendorHours.choices, method="filter_hours")
    verified = django_filters.ChoiceFilter(label="Verified", choices=VERIFIED_CHOICES, method="filter_verified")
    ordering = NullsLastOrderingFilter(
        label="Sort by",
        tie_break=("name", "pk"),
        fields={
            "name": "name",
            "rating_average": "rating",
            "hourly_rate_min": "hourly_rate",
            "total_seats": "seats",
            "founded_year": "founded_year",
        },
        field_labels={
            "name": "Name",
            "rating_average": "Rating",
            "hourly_rate_min": "Hourly rate",
            "total_seats": "Size (seats)",
            "founded_year": "Founded",
        },
    )

    facet_counters = {
        "service": related_counts(
            ServiceType.objects.all(),
            "vendors",
            group_field="category",
            group_label=lambda category: ServiceCategory(category).label,
        ),
        "category": count_categories(),
        "shore_model": "count_shore_models",
        "call_center_type": related_counts(CallCenterType.objects.all(), "vendors"),
        "channel": related_counts(Channel.objects.all(), "vendors"),
        "language": related_counts(Language.objects.all(), "vendors", value_field="code"),
        "country": count_countries(),
        "industry": related_counts(Industry.objects.all(), "vendors"),
        "compliance": related_counts(ComplianceStandard.objects.all(), "vendors"),
        "hours": count_hours(),
        "verified": count_verified(),
    }

    class Meta:
        model = Vendor
        fields = []

    def filter_client_country(self, queryset, name, value: str):
        return queryset  # read by the shore_model filter and its counts

    def count_shore_models(self) -> RelatedCount:
        """The declared shore models; with `client_country`, vendors per shore model of their centers for a client
        in that country."""
        client = self.form.cleaned_data.get("client_country")
        if not client:
            return declared_shore_counts
        centers = DeliveryCenter.objects.annotate(shore=shore_model_case(client))
        return RelatedCount(
            centers.values(fx_r=F("vendor_id"), fx_k=F("shore")),
            term_rows(ShoreModel.objects.all(), key="slug"),
            distinct=True,
        )

    def filter_category(self, queryset, name, value: str):
        return queryset.filter(pk__in=Vendor.objects.filter(services__category=value).values("pk"))

    def filter_hours(self, queryset, name, value: str):
        return queryset.covering(value)

    def condition_hours(self, value: str) -> Q:
        return Q(hours__in=HOURS_AT_LEAST[value])

    def filter_verified(self, queryset, name, value: str):
        return queryset.filter(self.condition_verified(value))

    def condition_verified(self, value: str) -> Q:
        return Q(verified=value == "true")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = queryset.by_relevance(self.search_text(self.form.cleaned_data.get("q")) or "")
        return queryset
