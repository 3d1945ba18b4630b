"""Faceted filtering shared by the public lists and the API.

A `FacetedFilterSet` is a django-filter FilterSet whose multi-value filters say how their values combine
(`match="all"` or `match="any"`) and which can count, for every facet, how many records each option would
match under the current selection:

- for an "any" facet the count ignores the facet's own selection (ticking a second country widens the list,
  so each country's count is what that country alone would add to the other filters);
- for an "all" facet, and for single-choice facets, the count is taken within the current result (ticking
  one more service narrows it to the count shown).

The pages render these counts beside each option; the API serves the same structure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from core.fields import CountryCodesField
from core.search import is_postgresql, words_match


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    group: str = ""
    # Fixed by the page's URL (a landing page's service or country): shown, not changeable.
    locked: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    multiple: bool = True

    @property
    def widget(self) -> str:
        """Checkboxes for several values or a lone option (such as "verified only"), radio buttons otherwise."""
        return "checkbox" if self.multiple or len(self.options) == 1 else "radio"

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]

    @property
    def visible_options(self) -> list[FacetOption]:
        """Options worth showing: those that match something, and any the visitor already chose."""
        return [option for option in self.options if option.count or option.selected]


# A counter takes the records a facet counts within and the facet's selected values, and returns
# (value, label, count, group) tuples. Counters of open-ended facets (cities, employers) return the most
# frequent values and the selected ones.
Counter = Callable[[QuerySet, set[str]], Iterable[tuple[str, str, int, str]]]


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MultipleValuesFilter(django_filters.MultipleChoiceFilter):
    """Several values of one filter, combined with AND (`match="all"`) or OR (`match="any"`).

    A value of a many-valued relation (skills, delivery centers) becomes a `pk IN (subquery)` condition on the
    relation's own table rather than a join, so that no combination of filters can repeat a row or multiply an
    aggregate, and the record's own query stays free of DISTINCT. The record's own columns, and what a foreign
    key leads to, are filtered directly, so that their indexes serve the list.
    """

    def __init__(self, *args, match: str = "any", **kwargs):
        if match not in ("all", "any"):
            raise ValueError(f"match must be 'all' or 'any', not {match!r}")
        self.match = match
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.match == "any":
            return qs.filter(self.condition(qs.model, "__in", value))
        for item in dict.fromkeys(value):
            qs = qs.filter(self.condition(qs.model, "", item))
        return qs

    def condition(self, model, lookup: str, value) -> Q:
        name, _, rest = self.field_name.partition("__")
        field = model._meta.get_field(name)
        path = f"__{rest}{lookup}" if rest else lookup
        if field.many_to_many and not field.auto_created:  # a ManyToManyField of the record: its through table
            through = field.remote_field.through
            keys = through.objects.filter(**{f"{field.m2m_reverse_field_name()}{path}": value})
            return Q(pk__in=keys.values(field.m2m_field_name()))
        if field.one_to_many:  # rows pointing at the record (its delivery centers)
            keys = field.related_model._default_manager.filter(**{f"{rest}{lookup}": value})
            return Q(pk__in=keys.values(field.field.attname))
        if field.many_to_many:
            return Q(pk__in=model._default_manager.filter(**{f"{self.field_name}{lookup}": value}).values("pk"))
        return Q(**{f"{self.field_name}{lookup}": value})


class VocabularyChoices:
    """The (value, label) choices of a vocabulary table, read once per form, and kept in the cache for a minute
    (`VOCABULARY_SECONDS`) so that a filtered list does not spend one of its few queries on each vocabulary.
    Saving or deleting a term forgets the table's entry at once (in this process's cache, and in Redis for all
    processes when the site uses it).

    Each copy starts empty: FilterSets and forms deep-copy their fields, so a request never sees another
    request's cache, and no copy drags the request along with it.
    """

    def __init__(self, queryset: QuerySet, to_field_name: str):
        self.queryset = queryset
        self.to_field_name = to_field_name
        self._choices = None
        model = queryset.model
        self.cache_key = f"vocabulary:{model._meta.label_lower}:{to_field_name}"
        for signal in (post_save, post_delete):
            signal.connect(_forget_vocabulary, sender=model, dispatch_uid=f"vocabulary:{model._meta.label_lower}")

    def __call__(self):
        if self._choices is None:
            self._choices = cache.get(self.cache_key)
        if self._choices is None:
            self._choices = [(getattr(term, self.to_field_name), str(term)) for term in self.queryset.all()]
            cache.set(self.cache_key, self._choices, VOCABULARY_SECONDS)
        return self._choices

    def __iter__(self):
        return iter(self())

    def __bool__(self):
        return True  # a vocabulary is never empty; and asking must not query (the schema generator asks)

    def __deepcopy__(self, memo):
        return VocabularyChoices(self.queryset, self.to_field_name)


VOCABULARY_SECONDS = 60


def _forget_vocabulary(sender, **kwargs):
    cache.delete_many([f"vocabulary:{sender._meta.label_lower}:{field.attname}" for field in sender._meta.fields])


class ModelMultipleValuesFilter(MultipleValuesFilter):
    """A `MultipleValuesFilter` whose choices are rows of a vocabulary, named by a slug or code field."""

    def __init__(self, *args, queryset: QuerySet, to_field_name: str = "slug", **kwargs):
        super().__init__(*args, choices=VocabularyChoices(queryset, to_field_name), **kwargs)


class CountryFilter(MultipleValuesFilter):
    """ISO 3166 alpha-2 codes (any case) of a country field or a related one."""

    field_class = CountryCodesField


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts with empty values last in both directions, then a stable tie-break so pages never overlap."""

    tie_break: tuple[str, ...] = ("pk",)

    def __init__(self, *args, tie_break: tuple[str, ...] | None = None, **kwargs):
        if tie_break is not None:
            self.tie_break = tie_break
        super().__init__(*args, **kwargs)

    def sort_expression(self, field: str):
        return F(field)

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            expression = self.sort_expression(self.param_map[param.lstrip("-")])
            ordering.append(
                expression.desc(nulls_last=True) if param.startswith("-") else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, *self.tie_break)


class FacetedFilterSet(django_filters.FilterSet):
    """Subclasses declare `facet_counters = {filter name: counter}`."""

    facet_counters: dict[str, Counter] = {}

    def filter_search(self, queryset, name, value):
        """`q`: the model's `search()`. Whether the words match as typed (else close words are looked for) is
        decided once, on all the records, so the list and every facet count search the same way."""
        if is_postgresql() and not hasattr(self, "_words_match"):
            self._words_match = words_match(self.queryset, value)
        return queryset.search(value, exact=getattr(self, "_words_match", None))

    def facet_is_disjunctive(self, name: str) -> bool:
        """Whether choosing another option of this facet widens the result or replaces the choice."""
        filter_ = self.filters[name]
        return getattr(filter_, "match", "any") == "any" or not isinstance(filter_, MultipleValuesFilter)

    def selected_values(self, name: str) -> set[str]:
        self.form.is_valid()  # validate once; an invalid filter has no cleaned value
        value = self.form.cleaned_data.get(name)
        if value in (None, "", []):
            return set()
        if isinstance(value, list | tuple | set):
            return {str(item) for item in value}
        return {str(value)}

    def queryset_without(self, name: str) -> QuerySet:
        """The records matching every filter of the current selection but `name`'s."""
        self.form.is_valid()  # validate once; invalid filters are left out, as in `qs`
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name != name:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def facets(self) -> dict[str, Facet]:
        facets = {}
        for name, counter in self.facet_counters.items():
            if isinstance(counter, str):  # a method of the FilterSet, for counts that depend on other filters
                counter = getattr(self, counter)
            within = self.queryset_without(name) if self.facet_is_disjunctive(name) else self.qs
            selected = self.selected_values(name)
            filter_ = self.filters[name]
            # Free-text values (a city) match without regard to case, as their filter does.
            fold = str.casefold if getattr(filter_, "case_insensitive", False) else str
            chosen = {fold(value) for value in selected}
            options = [
                FacetOption(str(value), label, count, selected=fold(str(value)) in chosen, group=group)
                for value, label, count, group in counter(within, selected)
            ]
            # A chosen value that matches nothing still shows (at 0), so the visitor can untick it.
            shown = {fold(option.value) for option in options}
            missing = {value for value in selected if fold(value) not in shown}
            if missing:
                choices = getattr(self.form.fields[name], "choices", None) or ()
                labels = {str(value): str(label) for value, label in choices}
                options += [FacetOption(v, labels.get(v, v), 0, selected=True) for v in sorted(missing)]
            multiple = isinstance(filter_, MultipleValuesFilter)
            facets[name] = Facet(name=name, label=filter_.label or name, multiple=multiple, options=options)
        return facets

    def cached_facets(self, scope: str) -> dict[str, Facet]:
        """`facets()`, kept in the cache for `FACETS_CACHE_SECONDS` (a setting, 60 by default) per scope (the
        page or endpoint, whose base records are the same for everyone) and selection. Counting every option over
        a million postings takes seconds; with the cache the counts are exact as of at most a minute ago, so a new
        posting shows up in them within a minute."""
        seconds = getattr(settings, "FACETS_CACHE_SECONDS", 60)
        if not seconds:
            return self.facets()
        self.form.is_valid()
        selection = sorted((name, repr(value)) for name, value in self.form.cleaned_data.items() if name != "ordering")
        digest = hashlib.sha256(repr((type(self).__qualname__, scope, selection)).encode()).hexdigest()
        key = f"facets:{digest}"
        facets = cache.get(key)
        if facets is None:
            facets = self.facets()
            cache.set(key, facets, seconds)
        return facets

    def drop_invalid_values(self) -> list[str]:
        """Keep the usable values of each multi-value filter whose other values are unusable (an unknown service
        beside a known one), so that the known ones still apply. Returns what was left out, for a notice."""
        dropped = []
        data = self.data.copy()
        for name in list(self.errors):
            filter_ = self.filters.get(name)
            if not isinstance(filter_, MultipleValuesFilter):
                continue
            field, kept = self.form.fields[name], []
            for value in data.getlist(name):
                try:
                    field.clean([value])
                except ValidationError:
                    dropped.append(f"{filter_.label}: {value[:50]!r} is not one of the choices, so it was left out.")
                else:
                    kept.append(value)
            data.setlist(name, kept)
        if dropped:
            self.data = data
            del self._form  # validate again with what is left
        return dropped


def related_counts(
    terms: QuerySet,
    related_name: str,
    value_field: str = "slug",
    group: Callable[[object], str] | None = None,
) -> Counter:
    """Count the records related to each vocabulary term, in one query over the vocabulary table."""

    def counter(records: QuerySet, selected: set[str]):
        inside = records.order_by().values("pk")
        rows = terms.annotate(
            facet_count=Count(related_name, filter=Q(**{f"{related_name}__in": inside}), distinct=True)
        ).order_by(*terms.model._meta.ordering)  # Meta.ordering does not apply to grouped queries
        return [
            (getattr(term, value_field), str(term), term.facet_count, group(term) if group else "") for term in rows
        ]

    return counter


def value_counts(field_name: str, label: Callable[[str], str]) -> Counter:
    """Count the records per value of one of their own columns, in one grouped query."""

    def counter(records: QuerySet, selected: set[str]):
        inside = records.order_by().values("pk")
        rows = (
            records.model._default_manager.filter(pk__in=inside)
            .order_by()
            .values_list(field_name)
            .annotate(facet_count=Count("pk"))
        )
        return [(value, label(value), count, "") for value, count in rows if value not in (None, "")]

    return counter


def top_counts(
    value_field: str, label_field: str | None = None, limit: int = 20, case_insensitive: bool = False
) -> Counter:
    """The `limit` most frequent values of an open-ended field (a city, an employer), plus the selected ones."""

    def counter(records: QuerySet, selected: set[str]):
        matching = records.model._default_manager.filter(pk__in=records.order_by().values("pk")).order_by()
        fields = [value_field, label_field or value_field]
        rows = list(matching.values_list(*fields).annotate(n=Count("pk")).order_by("-n", value_field)[:limit])
        fold = str.casefold if case_insensitive else str
        shown = {fold(str(value)) for value, _, _ in rows}
        missing = [value for value in selected if fold(value) not in shown]
        if missing:
            lookup = Q()
            for value in missing:
                lookup |= Q(**{f"{value_field}__iexact" if case_insensitive else value_field: value})
            rows += list(matching.filter(lookup).values_list(*fields).annotate(n=Count("pk")))
        return [(value, str(label), n, "") for value, label, n in rows if value not in (None, "")]

    return counter
