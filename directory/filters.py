"""The vendor search: one FilterSet for the public list, its landing pages and the API.

Parameter names are the API's contract (`/api/v1/vendors/`), so a list URL and an API URL take the same
query string. How several values of one filter combine follows what a buyer means:

- `service`, `channel`, `language`, `compliance`: the vendor offers all of them;
- `shore_model`, `call_center_type`, `country`, `industry`: any of them will do;
- `hours`: at least that coverage (24x7 covers extended hours, which cover business hours).
"""

import django_filters
import numpy as np
from django import forms
from django.db.models import F, Q

from core.facets import (
    CountryFilter,
    FacetedFilterSet,
    IntegerFilter,
    ModelMultipleValuesFilter,
    NullsLastOrderingFilter,
    RelatedCount,
    keys_hold,
    term_rows,
)
from core.fields import COUNTRY_CHOICES
from directory.choices import ServiceCategory, VendorHours
from directory.facets import INDEX_COUNTERS, VendorIndex, declared_shore_counts
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
from directory.selectors import vendor_facet_index
from directory.shore import shore_model_case

VERIFIED_CHOICES = [("true", "Verified only"), ("false", "Not verified")]


class CountryCodeField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).upper()


class ClientCountryFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class ShoreModelFilter(ModelMultipleValuesFilter):
    """The vendor's declared shore models; with `client_country`, computed from where its centers are instead
    (directory/shore.py): onshore in the client's country, nearshore in a nearby one, offshore elsewhere."""

    def condition_for(self, model, value, *, per_record: bool = False) -> Q:
        client = self.parent.form.cleaned_data.get("client_country") if self.parent else None
        if not client:
            return super().condition_for(model, value, per_record=per_record)
        centers = DeliveryCenter.objects.annotate(shore=shore_model_case(client)).filter(shore__in=value)
        return keys_hold(centers, "vendor_id", per_record)


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
        label="Your country (for the shore model)", choices=COUNTRY_CHOICES, method="filter_client_country"
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
        label="Delivery country", field_name="centers__country", choices=COUNTRY_CHOICES, match="any"
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

    # The index's counters (`directory.facets`), but the shore models: for a client country, counted from where
    # the centers are (`count_shore_models`).
    facet_counters = {name: "count_shore_models" if name == "shore_model" else c for name, c in INDEX_COUNTERS.items()}

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

    def summary_rows(self, counters):
        """Every facet's rows and the total from the facet index (`directory.facets`), for a selection without
        search words (`count` reads those from it too) or a client country (whose shore models the index does not
        hold); None otherwise, or when there is no index yet."""
        chosen = self.chosen()
        if "q" in chosen or "client_country" in chosen:
            return None
        index = vendor_facet_index()
        return self.index_rows(index, counters) if index is not None else None

    def count(self):
        """Every facet's options and the total. Search words are matched in the database (the keys of the vendors
        the selection gives, one query) and the rest counted from the facet index: the same vendors, so the same
        counts as counting them."""
        chosen = self.chosen()
        public = self.shared_records and "q" in chosen and "client_country" not in chosen
        index = vendor_facet_index() if public else None
        if index is None:
            return super().count()
        counters = {name: self.counter(name) for name in self.facet_counters}
        keys = list(self.queryset_without(*self.own_facets()).order_by().values_list("pk", flat=True))
        within = index.vendor_rows(keys)
        rows, total = self.index_rows(index, counters, within=within)
        # A vendor published since the index was counted is in its next count, within a minute; the list then
        # counts its total itself.
        self.total_is_current, self.facets_exact = bool(within.sum() == len(keys)), True
        return self.options_from(counters, rows), total

    def index_rows(self, index: VendorIndex, counters, within=None):
        """The rows `count_facets` gives, from the index: each facet counts the vendors passing every chosen
        filter but its own (unless all its values must match), among `within` if given."""
        conditions = {}
        for name, value in self.form.cleaned_data.items():
            if name in ("q", "ordering") or value in (None, "", []):
                continue
            conditions[name] = self.index_condition(index, name, value)
        own = set(self.own_facets())
        everyone = np.ones(len(index.ids), dtype=bool) if within is None else within

        def passing(facet):
            masks = [mask for name, mask in conditions.items() if not (name == facet and name in own)]
            return np.logical_and.reduce([everyone, *masks])

        rows = {}
        for name, counter in counters.items():
            if isinstance(counter, RelatedCount):
                rows[name] = index.relation_rows(name, passing(name))
            else:
                rows[name] = [
                    (value, value, None, None, n) for value, n in index.column_counts(name, passing(name)).items()
                ]
        return rows, int(passing(None).sum())

    def index_condition(self, index: VendorIndex, name: str, value) -> np.ndarray:
        """Filter `name` as a mask over the index's vendors."""
        if name == "category":
            return index.having("category", [value], every=False)
        if name == "hours":
            return index.where("hours", lambda hours: hours in HOURS_AT_LEAST[value])
        if name == "verified":
            return index.where("verified", lambda verified: verified == value)
        if name == "max_hourly_rate":
            return index.rate <= float(value)  # no rate given: never within a maximum, as in SQL
        if name == "min_seats":
            return index.seats >= value
        return index.having(name, [str(v) for v in value], every=self.filters[name].match == "all")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = queryset.by_relevance(self.search_text(self.form.cleaned_data.get("q")) or "")
        return queryset
