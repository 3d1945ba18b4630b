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
import operator
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.db.models.signals import post_delete, post_save

from core.fields import CountryCodesField
from core.memo import forget, remembered
from core.search import is_postgresql, searched_words


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
        return qs.filter(self.condition_for(qs.model, value))

    def condition_for(self, model, value, *, per_record: bool = False) -> Q:
        """The condition a record of `model` meets to be kept for `value` (a list); `per_record`: asked of each
        record of a scan (a facet query's flag) rather than to select them (see `keys_hold`)."""
        if self.match == "any":
            return self.condition(model, "__in", value, per_record)
        return reduce(operator.and_, (self.condition(model, "", item, per_record) for item in dict.fromkeys(value)))

    def condition(self, model, lookup: str, value, per_record: bool = False) -> Q:
        name, _, rest = self.field_name.partition("__")
        field = model._meta.get_field(name)
        path = f"__{rest}{lookup}" if rest else lookup
        if field.many_to_many and not field.auto_created:  # a ManyToManyField of the record: its through table
            through = field.remote_field.through
            keys = through.objects.filter(**{f"{field.m2m_reverse_field_name()}{path}": value})
            return keys_hold(keys, field.m2m_field_name(), per_record)
        if field.one_to_many:  # rows pointing at the record (its delivery centers)
            keys = field.related_model._default_manager.filter(**{f"{rest}{lookup}": value})
            return keys_hold(keys, field.field.attname, per_record)
        if field.many_to_many:
            keys = model._default_manager.filter(**{f"{self.field_name}{lookup}": value})
            return keys_hold(keys, "pk", per_record)
        return Q(**{f"{self.field_name}{lookup}": value})


def keys_hold(keys: QuerySet, column: str, per_record: bool = False) -> Q:
    """The records whose key is in `column` of `keys`: `pk IN (keys)` to select records, which PostgreSQL turns
    into a join. Asked of each record of a scan instead (`per_record`: a flag in a facet query's SELECT list), it
    is `EXISTS (keys of this record)`, one probe of the relation's index a record: an `IN` there is kept as a
    subplan, hashed only while the keys fit in `work_mem`, else searched row by row (the postings asking for
    English, a million keys, checked that way for 10,001 postings ran past the statement time limit)."""
    if per_record:
        return Q(Exists(keys.order_by().filter(**{column: OuterRef("pk")})))
    return Q(pk__in=keys.values(column))


class VocabularyChoices:
    """The (value, label) choices of a vocabulary table, read once per form from `vocabulary_rows` (kept in the
    process and the cache for a minute, `VOCABULARY_SECONDS`), so that a filtered list does not spend one of its
    few queries on each vocabulary. Saving or deleting a term forgets the table's entry at once (in this process
    and in the shared cache; the other processes within a minute).

    Each copy starts empty: FilterSets and forms deep-copy their fields, so a request never sees another
    request's cache, and no copy drags the request along with it.
    """

    def __init__(self, queryset: QuerySet, to_field_name: str):
        self.queryset = queryset
        self.to_field_name = to_field_name
        self._choices = None
        model = queryset.model
        for signal in (post_save, post_delete):
            signal.connect(_forget_vocabulary, sender=model, dispatch_uid=f"vocabulary:{model._meta.label_lower}")

    def terms(self) -> list[tuple[str, str, int]]:
        """(value, label, id) of every term."""
        if self._choices is None:
            self._choices = vocabulary_terms(vocabulary_rows(self.queryset, self.to_field_name), self.to_field_name)
        return self._choices

    def __call__(self):
        return [(value, label) for value, label, _ in self.terms()]

    def ids(self) -> dict[str, int]:
        return {value: pk for value, _, pk in self.terms()}

    def __iter__(self):
        return iter(self())

    def __bool__(self):
        return True  # a vocabulary is never empty; and asking must not query (the schema generator asks)

    def __deepcopy__(self, memo):
        return VocabularyChoices(self.queryset, self.to_field_name)


VOCABULARY_SECONDS = 60


def vocabulary_rows(queryset: QuerySet, to_field_name: str) -> list:
    """Every term of a vocabulary, in its order: kept in the process and the cache for a minute (`core.memo`),
    forgotten at once when a term is saved or deleted."""
    return remembered(_vocabulary_key(queryset.model, to_field_name), lambda: list(queryset.all()), VOCABULARY_SECONDS)


def vocabulary_term(queryset: QuerySet, to_field_name: str, value: str):
    """The term of a vocabulary whose `to_field_name` is `value` (None if there is none), read with the whole
    vocabulary (`vocabulary_rows`), which the choices of its filter read too: a landing page of one term (a
    skill's jobs) reads its term and validates its filter with one query, or none while the vocabulary is kept."""
    return next(
        (term for term in vocabulary_rows(queryset, to_field_name) if getattr(term, to_field_name) == value), None
    )


def vocabulary_terms(terms, to_field_name: str) -> list[tuple[str, str, int]]:
    """(value, label, id) of each term of a vocabulary, in its order: what `VocabularyChoices.terms()` gives."""
    return [(getattr(term, to_field_name), str(term), term.pk) for term in terms]


def _vocabulary_key(model, to_field_name: str) -> str:
    return f"vocabulary:{model._meta.label_lower}:{to_field_name}:rows"


def _forget_vocabulary(sender, **kwargs):
    forget(*(_vocabulary_key(sender, field.attname) for field in sender._meta.fields))


class ModelMultipleValuesFilter(MultipleValuesFilter):
    """A `MultipleValuesFilter` whose choices are rows of a vocabulary, named by a slug or code field.

    On a many-to-many relation of the record the terms asked are matched by id in its through table
    (`skill_id = 12`), their ids taken from the vocabulary already read for the choices: the planner then knows
    from the column's statistics how many records each term has (a skill half the postings ask for, or one in a
    hundred) and picks its plan accordingly, where a join to the vocabulary by slug left it guessing."""

    def __init__(self, *args, queryset: QuerySet, to_field_name: str = "slug", **kwargs):
        super().__init__(*args, choices=VocabularyChoices(queryset, to_field_name), **kwargs)

    def condition(self, model, lookup: str, value, per_record: bool = False) -> Q:
        name = self.field_name.partition("__")[0]
        field = model._meta.get_field(name)
        if not (field.many_to_many and not field.auto_created):
            return super().condition(model, lookup, value, per_record)
        ids = self.extra["choices"].ids()
        keys = [ids[item] for item in value] if lookup == "__in" else ids[value]
        through = field.remote_field.through
        keys = through.objects.filter(**{f"{field.m2m_reverse_field_name()}_id{lookup}": keys})
        return keys_hold(keys, field.m2m_field_name(), per_record)


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
    """Subclasses declare `facet_counters = {filter name: FacetCount, or the name of a method returning one}`.

    `facets()` counts every facet, and the records of the whole selection, in one query (`count_facets`)."""

    facet_counters: dict[str, FacetCount | str] = {}
    # Count at most this many records of a selection (None: all of them); `facets_exact` says whether that was all.
    facet_bound: int | None = None
    # A list page's own, smaller bound: what its pages reach at the page size asked (`FacetedListView`); the
    # counts a summary makes over a selection's keys use it (`JobFilter.count`). Part of the counts' cache key.
    page_facet_bound: int | None = None
    facets_exact = True
    total: int | None = None  # the records of the selection, once counted with the facets
    total_is_current = False  # counted by this request (not taken from the cache)
    # The selection's own count, up to one past `COUNT_LIMIT`, whatever bound the facets were counted over; asked
    # for by a list page, which shows the total (`count_whole_total`), not by the API's facets, which do not.
    total_is_whole = False
    count_whole_total = False
    # The records are the same for everyone (the public list: `cached_facets`), so a summary of them may answer.
    shared_records = False

    def filter_search(self, queryset, name, value):
        """`q`: the model's `search()` of `search_text(value)` (none when it has no close words)."""
        text = self.search_text(value)
        if text is None:
            return queryset.filter(pk__isnull=True)  # nothing, as SQL (none() cannot be part of another query)
        return queryset.search(text, exact=True) if is_postgresql() else queryset.search(text)

    def search_text(self, value: str | None) -> str | None:
        """What a search for `value` looks for: the words as typed when some record matches them, else the
        closest words of the vocabulary (typos: `core.search.searched_words`), else None. Decided once, on all the
        records, so the list, its order and every facet count search the same way."""
        if not value or not is_postgresql():
            return value
        if getattr(self, "_searched", (None,))[0] != value:
            self._searched = (value, searched_words(self.queryset, value))
        return self._searched[1]

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

    def queryset_without(self, *names: str) -> QuerySet:
        """The records matching every filter of the current selection but those of `names`."""
        self.form.is_valid()  # validate once; invalid filters are left out, as in `qs`
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name not in names:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def condition(self, name: str, value) -> Q:
        """What filter `name` keeps of the records, as a condition on one record (for the facet query's flags):
        the filter's own `condition_for`, else the FilterSet's `condition_<name>` method, else the filter's field
        and lookup; a filter with none of those, as its records' keys."""
        filter_ = self.filters[name]
        model = self.queryset.model
        if hasattr(filter_, "condition_for"):
            return filter_.condition_for(model, value, per_record=True)
        method = getattr(self, f"condition_{name}", None)
        if method is not None:
            return method(value)
        if not filter_.method:
            return Q(**{f"{filter_.field_name}__{filter_.lookup_expr}": value})
        return keys_hold(filter_.filter(model._default_manager.all(), value), "pk", per_record=True)

    def counter(self, name: str) -> FacetCount:
        counter = self.facet_counters[name]
        return getattr(self, counter)() if isinstance(counter, str) else counter

    def own_facets(self) -> list[str]:
        """The facets whose count leaves out their own selection (see `count_facets`)."""
        return [name for name in self.facet_counters if self.selected_values(name) and self.facet_is_disjunctive(name)]

    def chosen(self) -> set[str]:
        """The filters given a value (the ordering is not one); the form is validated first."""
        self.form.is_valid()
        return {
            name for name, value in self.form.cleaned_data.items() if value not in (None, "", []) and name != "ordering"
        }

    def count(self) -> tuple[dict[str, list[FacetOption]], int]:
        """Every facet's options and the number of records the selection gives, from one query."""
        self.form.is_valid()
        # The facets whose own selection a count leaves out: every other filter is a condition of the scan.
        own = self.own_facets()
        flags = {name: self.condition(name, self.form.cleaned_data[name]) for name in own}
        counters = {name: self.counter(name) for name in self.facet_counters}
        records = self.facet_records(self.queryset_without(*own))
        rows, total, scanned = count_facets(records, counters, flags, self.selected_values)
        self.total_is_current = True
        # Counted over at most `facet_bound` records, the counts are exact when the bound did not bite.
        self.facets_exact = self.facet_bound is None or scanned <= self.facet_bound
        return self.options_from(counters, rows), total

    def facet_records(self, records: QuerySet) -> QuerySet:
        """The records a count reads (those of `records` it keeps): all of them by default. A FilterSet with a
        `facet_bound` keeps the first `facet_bound + 1` in the list's order (see `JobFilter`)."""
        return records

    def summary_rows(self, counters: dict[str, FacetCount]) -> tuple[dict[str, list[Row]], int] | None:
        """Every facet's rows and the selection's total from a summary of the records, as `count_facets` gives
        them, or None when no summary answers this selection exactly (the records are counted then). Asked only
        where the base records are the same for everyone (`cached_facets`)."""
        return None

    def options_from(self, counters: dict[str, FacetCount], rows: dict[str, list[Row]]):
        options = {}
        for name, counter in counters.items():
            selected = self.selected_values(name)
            filter_ = self.filters[name]
            # Free-text values (a city) match without regard to case, as their filter does.
            fold = str.casefold if getattr(filter_, "case_insensitive", False) else str
            chosen = {fold(value) for value in selected}
            found = [
                FacetOption(str(value), label, count, selected=fold(str(value)) in chosen, group=group)
                for value, label, count, group in counter.options(rows[name], selected)
            ]
            # A chosen value that matches nothing still shows (at 0), so the visitor can untick it.
            shown = {fold(option.value) for option in found}
            missing = {value for value in selected if fold(value) not in shown}
            if missing:
                choices = getattr(self.form.fields[name], "choices", None) or ()
                labels = {str(value): str(label) for value, label in choices}
                found += [FacetOption(v, labels.get(v, v), 0, selected=True) for v in sorted(missing)]
            options[name] = found
        return options

    def facets_from(self, options: dict[str, list[FacetOption]]) -> dict[str, Facet]:
        facets = {}
        for name, found in options.items():
            filter_ = self.filters[name]
            multiple = isinstance(filter_, MultipleValuesFilter)
            facets[name] = Facet(name=name, label=filter_.label or name, multiple=multiple, options=list(found))
        return facets

    def facets(self) -> dict[str, Facet]:
        options, self.total = self.count()
        return self.facets_from(options)

    def cached_facets(self, scope: str) -> dict[str, Facet]:
        """`facets()`, kept in the cache per scope (the page or endpoint, whose base records are the same for
        everyone) and selection: fresh for `FACETS_CACHE_SECONDS` (a setting, 60 by default), then served stale
        while one request counts again (`stale_while_revalidate`). So a new posting is counted within a minute,
        and a popular selection whose entry expires is counted by one request, not by every request at once.
        A selection a summary answers (`summary_rows`) is read from it instead. Sets `total`, the number of
        records the selection gives."""
        self.shared_records = True
        seconds = getattr(settings, "FACETS_CACHE_SECONDS", 60)
        if not seconds:
            return self.facets()
        self.form.is_valid()
        counters = {name: self.counter(name) for name in self.facet_counters}
        summarized = self.summary_rows(counters)
        if summarized is not None:  # milliseconds, and as current as the summary: not cached again
            rows, self.total = summarized
            return self.facets_from(self.options_from(counters, rows))

        def counted():
            options, total = self.count()
            return options, total, self.facets_exact, self.facet_bound, self.total_is_whole

        # The bound the counts were made over comes with them: a page says it beside the counts.
        options, self.total, self.facets_exact, self.facet_bound, self.total_is_whole = stale_while_revalidate(
            self.cache_key(scope), counted, seconds
        )
        return self.facets_from(options)

    def cache_key(self, scope: str) -> str:
        """The cache key of this selection's counts in `scope`, whatever the order of its parameters."""
        self.form.is_valid()
        selection = sorted((name, repr(value)) for name, value in self.form.cleaned_data.items() if name != "ordering")
        bound = self.page_facet_bound if self.facet_bound is not None else None  # no bound, no page's bound
        digest = hashlib.sha256(repr((type(self).__qualname__, scope, selection, bound)).encode()).hexdigest()
        return f"facets:v3:{digest}"

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


# --- Counting ---------------------------------------------------------------------------------------------------
#
# One query counts every facet. Its scan (a common table expression, `s`) reads the records of the selection once,
# with, for each record, the value of every column facet and one flag per facet whose own selection its count
# leaves out (an "any" facet with a value chosen: its count is what each value gives with the *other* filters).
# The scan keeps the records that fail at most one flag; each facet counts the records passing every flag but its
# own; the selection's total counts those passing all of them. On PostgreSQL the column facets are grouped in one
# pass (GROUPING SETS); elsewhere each is a branch of a UNION ALL over the same scan. A facet over related rows
# (a posting's skills, a vendor's centers) joins them to the scan. A facet of open-ended values (cities,
# employers) keeps its `limit` most frequent values and the selected ones.

Row = tuple[str | None, str | None, int | None, str | None, int]  # value, label, position, group, count


class FacetCount:
    """How one facet counts its options. `options(rows, selected)` turns the query's rows for the facet into
    (value, label, count, group) tuples, in the order the page shows them: by count with a `limit` (open-ended
    values), else by the terms' position or the label. `per_value`, if given, makes the options from
    {value: count} instead (every choice in its order, cumulative steps); `group_label` names a term's group."""

    limit: int | None = None
    case_insensitive = False
    per_value: Callable[[dict], list] | None = None
    group_label: Callable[[str], str] | None = None

    def options(self, rows: list[Row], selected: set[str]) -> list[tuple[str, str, int, str]]:
        if self.per_value is not None:
            return list(self.per_value({value: count for value, _, _, _, count in rows}))
        if self.limit is not None:
            fold = str.casefold if self.case_insensitive else str
            chosen = {fold(value) for value in selected}
            by_count = sorted(rows, key=lambda row: (-row[4], str(row[0])))
            top = [row for row in by_count if fold(str(row[0])) not in chosen][: self.limit]
            rows = [row for row in by_count if row in top or fold(str(row[0])) in chosen]
        else:
            rows = sorted(rows, key=lambda row: (row[2] is None, row[2] or 0, str(row[1])))
        name_group = self.group_label or str
        return [
            (value, label or value, count, name_group(group) if group else "")
            for value, label, _, group, count in rows
            if value
        ]


class ColumnCount(FacetCount):
    """Records per value of one of their columns, or of an expression over the record and what its foreign keys
    lead to (`employer__slug`); `label` names the label's column when it is not the value."""

    def __init__(self, value, label=None, *, limit=None, case_insensitive=False, per_value=None):
        self.value, self.label, self.limit = value, label, limit
        self.case_insensitive = case_insensitive
        self.per_value = per_value


class RelatedCount(FacetCount):
    """Records per related row: `pairs` gives (`fx_r`: the record's key, `fx_k`: the option's key) per relation;
    `terms`, if given, the options themselves (`fx_k`, `fx_v` value, `fx_l` label, `fx_o` position, `fx_g` group),
    each counted even at 0. `distinct`: a record may have the same option more than once (two centers in one
    country)."""

    def __init__(
        self, pairs: QuerySet, terms: QuerySet | None = None, *, distinct=False, per_value=None, group_label=None
    ):
        self.pairs, self.terms, self.distinct = pairs, terms, distinct
        self.per_value, self.group_label = per_value, group_label


def related_counts(
    terms: QuerySet,
    related_name: str,
    value_field: str = "slug",
    group_field: str | None = None,
    group_label: Callable[[str], str] | None = None,
) -> RelatedCount:
    """Count the records related to each vocabulary term through a many-to-many relation, every term listed."""
    relation = terms.model._meta.get_field(related_name)
    through, field = relation.through, relation.field
    record_key, term_key = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    pairs = through._default_manager.values(fx_r=F(record_key), fx_k=F(term_key))
    return RelatedCount(pairs, term_rows(terms, value_field, group_field=group_field), group_label=group_label)


def term_rows(terms: QuerySet, value_field: str = "slug", key: str = "pk", group_field: str | None = None):
    """A vocabulary's terms as `RelatedCount.terms`, joined to the pairs on `key`, in the vocabulary's order."""
    ordering = [_ordered(name) for name in terms.model._meta.ordering]
    return terms.values(
        fx_k=F(key),
        fx_v=Cast(value_field, TextField()),
        fx_l=Cast("name", TextField()),
        fx_o=Window(RowNumber(), order_by=ordering),
        fx_g=Cast(group_field, TextField()) if group_field else Value(None, TextField()),
    )


def _ordered(name: str):
    return F(name[1:]).desc() if name.startswith("-") else F(name).asc()


def value_counts(field_name: str, label: Callable[[str], str]) -> ColumnCount:
    """Count the records per value of one of their own columns: the values found, by label."""
    return ColumnCount(
        field_name,
        per_value=lambda counts: sorted(
            ((value, label(value), count, "") for value, count in counts.items() if value), key=lambda row: row[1]
        ),
    )


def choice_counts(field_name: str, choices) -> ColumnCount:
    """Count the records per choice of a column: every choice, in its order."""
    labels = dict(choices.choices)
    return ColumnCount(
        field_name,
        per_value=lambda counts: [(value, label, counts.get(value, 0), "") for value, label in labels.items()],
    )


def top_counts(value_field: str, label_field: str | None = None, limit: int = 20, case_insensitive: bool = False):
    """The `limit` most frequent values of an open-ended field (a city, an employer), plus the selected ones."""
    return ColumnCount(value_field, label_field, limit=limit, case_insensitive=case_insensitive)


def count_facets(
    records: QuerySet,
    counters: dict[str, FacetCount],
    flags: dict[str, Q],
    selected: Callable[[str], set[str]],
) -> tuple[dict[str, list[Row]], int, int]:
    """Count every facet of `counters` over `records` in one query (see above). `flags`: the condition of each
    facet whose count leaves out its own selection; the others are already conditions of `records`. Returns each
    facet's rows, the number of records passing every flag and the number of records read."""
    query = FacetQuery(records, counters, flags, selected)
    with connections[records.db].cursor() as cursor:
        cursor.execute(*query.sql())
        found = cursor.fetchall()
    names = list(counters)
    rows: dict[str, list[Row]] = {name: [] for name in names}
    total = scanned = 0
    for index, value, label, position, group, count in found:
        if index == -1:
            total = count
        elif index == -2:
            scanned = count
        else:
            rows[names[index]].append((value, label, position, group, count))
    return rows, total, scanned


class FacetQuery:
    """The SQL of `count_facets`. Every fragment is Django's own SQL, a fixed name or a number; every value is a
    parameter. Each branch gives (g: the facet's index, or -1 for the total; v: value; l: label; o: position;
    grp: group; n: count)."""

    def __init__(self, records, counters, flags, selected):
        self.records, self.counters, self.flags, self.selected = records, counters, flags, selected
        self.names = list(counters)
        self.flag_names = list(flags)
        self.params: list = []

    def sql(self) -> tuple[str, list]:
        scan = self.scan()
        grouped = [i for i in self.column_facets() if self.counters[self.names[i]].limit is None and is_postgresql()]
        branches = [self.grouping_sets(grouped)] if grouped else [self.total()]
        branches.append(self.read())
        for index, name in enumerate(self.names):
            counter = self.counters[name]
            if isinstance(counter, ColumnCount) and index not in grouped:
                branches.append(self.column_branch(index))
            elif isinstance(counter, RelatedCount):
                branches.append(self.related_branch(index))
        # Read by several branches, the scan is computed once (PostgreSQL would otherwise inline it in each).
        materialized = "MATERIALIZED " if is_postgresql() else ""
        return f"WITH s AS {materialized}({scan}) {' UNION ALL '.join(branches)}", self.params

    def column_facets(self) -> list[int]:
        return [i for i, name in enumerate(self.names) if isinstance(self.counters[name], ColumnCount)]

    def scan(self) -> str:
        columns = {"fx_r": F("pk")}
        for index in self.column_facets():
            counter = self.counters[self.names[index]]
            columns[f"fx_d{index}"] = Cast(counter.value, TextField())
            if counter.label is not None:
                columns[f"fx_l{index}"] = Cast(counter.label, TextField())
        for index, name in enumerate(self.flag_names):
            columns[f"fx_f{index}"] = ExpressionWrapper(self.flags[name], output_field=BooleanField())
        records = self.records
        conditions = list(self.flags.values())
        if len(conditions) > 1:  # the records failing at most one flag
            all_but = (reduce(operator.and_, conditions[:i] + conditions[i + 1 :]) for i in range(len(conditions)))
            records = records.filter(reduce(operator.or_, all_but))
        sql, params = records.order_by().values(**columns).query.sql_with_params()
        self.params.extend(params)
        return sql

    def read(self) -> str:
        """The number of records read (what says whether a bound on them bit): those of the scan, unless it
        left out the records failing more than one flag; then the records themselves, counted apart."""
        if len(self.flags) < 2:
            return "SELECT -2, NULL, NULL, NULL, NULL, COUNT(*) FROM s"
        sql, params = self.records.order_by().values("pk").query.sql_with_params()
        self.params.extend(params)
        return f"SELECT -2, NULL, NULL, NULL, NULL, COUNT(*) FROM ({sql}) AS r"  # noqa: S608

    def passing(self, name: str | None) -> str:
        """The condition of the records a facet counts: every flag but its own."""
        return " AND ".join(f"s.fx_f{i}" for i, flag in enumerate(self.flag_names) if flag != name)

    def count(self, name: str | None, distinct: bool = False) -> str:
        """How facet `name` (None: the total) counts its records: only those passing its flags."""
        condition = self.passing(name if name in self.flags else None)
        counted = "DISTINCT s.fx_r" if distinct else "s.fx_r"
        if condition:
            counted = f"{'DISTINCT ' if distinct else ''}CASE WHEN {condition} THEN s.fx_r END"
        return f"COUNT({counted})"

    def total(self) -> str:
        return f"SELECT -1, NULL, NULL, NULL, NULL, {self.count(None)} FROM s"  # noqa: S608

    def label(self, index: int) -> str:
        return f"s.fx_l{index}" if self.counters[self.names[index]].label is not None else f"s.fx_d{index}"

    def column_branch(self, index: int) -> str:
        name = self.names[index]
        counter = self.counters[name]
        value, label = f"s.fx_d{index}", self.label(index)
        branch = (
            f"SELECT {index} AS g, {value} AS v, {label} AS l, CAST(NULL AS INTEGER) AS o, "  # noqa: S608
            f"CAST(NULL AS TEXT) AS grp, {self.count(name)} AS n FROM s GROUP BY {value}, {label}"
        )
        if counter.limit is None:
            return branch
        # The most frequent values, after the selected ones (which always show).
        chosen = sorted(self.selected(name))
        pinned = ""
        if chosen:
            compared = f"LOWER({value})" if counter.case_insensitive else value
            pinned = f"CASE WHEN {compared} IN ({', '.join(['%s'] * len(chosen))}) THEN 0 ELSE 1 END, "
            self.params.extend(v.lower() if counter.case_insensitive else v for v in chosen)
        limit = counter.limit + len(chosen)
        return f"SELECT * FROM ({branch} ORDER BY {pinned}n DESC, v LIMIT {limit}) AS t{index}"  # noqa: S608

    def related_branch(self, index: int) -> str:
        name = self.names[index]
        counter = self.counters[name]
        pairs, pairs_params = counter.pairs.order_by().query.sql_with_params()
        count = self.count(name, distinct=counter.distinct)
        if counter.terms is None:
            self.params.extend(pairs_params)
            return (
                f"SELECT {index}, p.fx_k, p.fx_k, CAST(NULL AS INTEGER), CAST(NULL AS TEXT), {count} "  # noqa: S608
                f"FROM ({pairs}) p INNER JOIN s ON p.fx_r = s.fx_r GROUP BY p.fx_k"
            )
        terms, terms_params = counter.terms.order_by().query.sql_with_params()
        self.params.extend([*terms_params, *pairs_params])
        # Every term, at 0 when no record of the scan has it. The scan's pairs are counted per term first, then
        # the terms joined to the counts: joined to the terms first, PostgreSQL read every pair of each term (a
        # hash of 115,000 postings per skill at a million) to meet the scan's ten thousand records.
        return (
            f"SELECT {index}, t.fx_v, t.fx_l, t.fx_o, t.fx_g, COALESCE(c.n, 0) FROM ({terms}) t "  # noqa: S608
            f"LEFT JOIN (SELECT p.fx_k, {count} AS n FROM ({pairs}) p INNER JOIN s ON p.fx_r = s.fx_r "
            "GROUP BY p.fx_k) c ON c.fx_k = t.fx_k"
        )

    def grouping_sets(self, grouped: list[int]) -> str:
        """PostgreSQL: the column facets of `grouped` and the total in one pass over the scan. GROUPING() tells
        which set a row belongs to: a bit per column, set when the row is not grouped by it."""
        columns = []
        for index in grouped:
            columns += [f"s.fx_d{index}"] + ([f"s.fx_l{index}"] if self.label(index) != f"s.fx_d{index}" else [])
        sets, masks = [], []
        for index in grouped:
            own = {f"s.fx_d{index}", f"s.fx_l{index}"}
            sets.append(f"({', '.join(column for column in columns if column in own)})")
            masks.append(sum(1 << (len(columns) - 1 - i) for i, column in enumerate(columns) if column not in own))
        grouping = f"GROUPING({', '.join(columns)})"

        def per_set(expression: Callable[[int], str], otherwise: str) -> str:
            whens = " ".join(f"WHEN {mask} THEN {expression(i)}" for mask, i in zip(masks, grouped, strict=True))
            return f"CASE {grouping} {whens} ELSE {otherwise} END"

        return (
            f"SELECT {per_set(str, '-1')}, {per_set(lambda i: f's.fx_d{i}', 'NULL')}, "  # noqa: S608
            f"{per_set(self.label, 'NULL')}, CAST(NULL AS INTEGER), CAST(NULL AS TEXT), "
            f"{per_set(lambda i: self.count(self.names[i]), self.count(None))} "
            f"FROM s GROUP BY GROUPING SETS ({', '.join(sets)}, ())"
        )


def stale_while_revalidate(key: str, compute: Callable[[], object], seconds: int):
    """`compute()`, cached under `key`: fresh for `seconds`, then stale for up to `FACETS_STALE_SECONDS` (an hour
    by default). A request finding a stale entry takes a lock (`cache.add`, atomic in Redis and in every Django
    cache) and computes it again; while it does, the other requests get the stale value at once. A request
    finding nothing waits up to `FACETS_LOCK_WAIT_SECONDS` for another's result, then computes it too."""
    stale_seconds = max(getattr(settings, "FACETS_STALE_SECONDS", 3600), seconds)
    lock_seconds = getattr(settings, "FACETS_LOCK_SECONDS", 30)
    entry = cache.get(key)
    if entry is not None:
        fresh_until, value = entry
        if time.time() < fresh_until or not cache.add(f"{key}:lock", 1, lock_seconds):
            return value  # fresh, or another request is counting it again
    elif not cache.add(f"{key}:lock", 1, lock_seconds):
        deadline = time.monotonic() + getattr(settings, "FACETS_LOCK_WAIT_SECONDS", 2)
        while time.monotonic() < deadline:
            time.sleep(0.05)
            entry = cache.get(key)
            if entry is not None:
                return entry[1]
    try:
        value = compute()
        cache.set(key, (time.time() + seconds, value), stale_seconds)
    finally:
        cache.delete(f"{key}:lock")
    return value
