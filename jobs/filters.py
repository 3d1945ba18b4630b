"""The job search: one FilterSet for the public list, its landing pages, the Atom feed and the API.

Parameter names are the API's contract (`/api/v1/jobs/`). How several values of one filter combine:

- `skill`: the posting asks for all of them (a seeker who knows Zendesk and Salesforce sees postings
  asking for both);
- every other multi-value filter (`country`, `city`, `work_arrangement`, `employment_type`, `shift`,
  `account_type`, `role`, `language`, `employer`): any of them will do;
- `min_salary` with `currency`: postings paid in that currency whose top of range reaches the amount;
- `max_experience`: postings asking at most that many years (0 = entry level);
- `education`: postings asking at most that level;
- `posted_within`: published in the last N days.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

import django_filters
import numpy as np
from django import forms
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_countries import countries

from core.facets import (
    ColumnCount,
    CountryFilter,
    FacetedFilterSet,
    IntegerFilter,
    ModelMultipleValuesFilter,
    MultipleValuesFilter,
    NullsLastOrderingFilter,
    choice_counts,
    related_counts,
    top_counts,
    value_counts,
)
from core.fields import COUNTRY_CHOICES
from core.pagination import COUNT_LIMIT
from core.search import key_list, key_list_and_count, page_keys
from core.summary_service import answered_by_summaries
from directory.models import Language
from jobs.choices import (
    POSTED_WITHIN,
    AccountType,
    Currency,
    EducationLevel,
    EmploymentType,
    JobRole,
    Shift,
    WorkArrangement,
)
from jobs.facets import RELATIONS, ColumnRows, FacetCube
from jobs.models import JobPosting, Skill
from jobs.querysets import employer_kind, posted_band
from jobs.selectors import job_facet_cube

EMPLOYER_KINDS = [("bpo", "BPO or call center"), ("in_house", "In-house team")]
EXPERIENCE_STEPS = [(0, "Entry level (no experience)"), (1, "Up to 1 year"), (2, "Up to 2 years"), (5, "Up to 5 years")]


class AnyTextField(forms.MultipleChoiceField):
    """Free-text values (a city), checked only for length."""

    def valid_value(self, value):
        return 0 < len(value) <= 100 and "\x00" not in value


class FreeValuesFilter(MultipleValuesFilter):
    field_class = AnyTextField


class CityFilter(FreeValuesFilter):
    """Cities as typed by employers, matched without regard to case."""

    case_insensitive = True

    def condition_for(self, model, value, *, per_record: bool = False) -> Q:
        any_city = Q()
        for city in value:
            any_city |= Q(city__iexact=city)
        return any_city


class JobFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        # A minimum salary means nothing without its currency: say so rather than guess.
        if cleaned.get("min_salary") is not None and not cleaned.get("currency"):
            self.add_error("min_salary", "Choose the currency of the minimum salary (currency=PHP, USD...).")
        return cleaned


class JobOrderingFilter(NullsLastOrderingFilter):
    """Salary sorts use the top of the range (or its only figure); `relevance` ranks by the search text."""

    tie_break = ("-pk",)

    def sort_expression(self, field):
        return Coalesce("salary_max", "salary_min") if field == "salary_max" else super().sort_expression(field)

    def filter(self, qs, value):
        if value and any(param.lstrip("-") == "relevance" for param in value):
            return qs.by_relevance(self.parent.search_text(self.parent.form.cleaned_data.get("q")) or "")
        if value and any(param.lstrip("-") == "match" for param in value):
            request = getattr(self.parent, "request", None)
            user = getattr(request, "user", None)
            return qs.by_match(user) if user is not None and user.is_authenticated else qs
        return super().filter(qs, value)


def per_step(steps, included) -> Callable:
    """Options of a filter asking "at most" (or "at least"): each step counts the records of every value it
    includes (`included(step)`), from the counts per value."""

    def options(counts):
        return [(str(step), label, sum(counts.get(str(v), 0) for v in included(step)), "") for step, label in steps]

    return options


def count_experience() -> ColumnCount:
    return ColumnCount(
        "min_experience_years",
        per_value=lambda counts: [
            (str(step), label, sum(n for years, n in counts.items() if years is not None and int(years) <= step), "")
            for step, label in EXPERIENCE_STEPS
        ],
    )


def count_education() -> ColumnCount:
    steps = [(level.value, f"At most: {level.label}") for level in EducationLevel]
    return ColumnCount("education_level", per_value=per_step(steps, EducationLevel.up_to))


def count_employer_kinds() -> ColumnCount:
    return ColumnCount(employer_kind(), per_value=per_step(EMPLOYER_KINDS, lambda kind: [kind]))


class JobFilter(FacetedFilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search", max_length=200)
    country = CountryFilter(label="Country", field_name="country", choices=COUNTRY_CHOICES, match="any")
    city = CityFilter(label="City", field_name="city", choices=[], match="any")
    work_arrangement = MultipleValuesFilter(
        label="Work arrangement", field_name="work_arrangement", choices=WorkArrangement.choices, match="any"
    )
    employment_type = MultipleValuesFilter(
        label="Employment type", field_name="employment_type", choices=EmploymentType.choices, match="any"
    )
    shift = MultipleValuesFilter(label="Shift", field_name="shift", choices=Shift.choices, match="any")
    account_type = MultipleValuesFilter(
        label="Account type", field_name="account_type", choices=AccountType.choices, match="any"
    )
    role = MultipleValuesFilter(label="Role", field_name="role", choices=JobRole.choices, match="any")
    skill = ModelMultipleValuesFilter(
        label="Skills", field_name="skills__slug", queryset=Skill.objects.all(), match="all"
    )
    language = ModelMultipleValuesFilter(
        label="Languages",
        field_name="languages__code",
        queryset=Language.objects.all(),
        to_field_name="code",
        match="any",
    )
    min_salary = django_filters.NumberFilter(
        label="Minimum salary", method="filter_min_salary", min_value=0, max_digits=12, decimal_places=2
    )
    currency = django_filters.ChoiceFilter(label="Currency", field_name="salary_currency", choices=Currency.choices)
    max_experience = IntegerFilter(
        label="Experience asked", field_name="min_experience_years", lookup_expr="lte", min_value=0, max_value=50
    )
    education = django_filters.ChoiceFilter(
        label="Education asked", choices=EducationLevel.choices, method="filter_education"
    )
    # Employers are open-ended: any slug is accepted, an unknown one simply matches nothing.
    employer = FreeValuesFilter(label="Employer", field_name="employer__slug", choices=[], match="any")
    employer_kind = django_filters.ChoiceFilter(
        label="Employer type", choices=EMPLOYER_KINDS, method="filter_employer_kind"
    )
    posted_within = IntegerFilter(label="Posted", method="filter_posted_within", min_value=1, max_value=365)
    ordering = JobOrderingFilter(
        label="Sort by",
        fields={"published_at": "posted_at", "salary_max": "salary_max", "relevance": "relevance", "match": "match"},
        field_labels={
            "published_at": "Date posted",
            "salary_max": "Salary",
            "relevance": "Relevance",
            "match": "Match with my profile",
        },
    )

    # A selection the summary cannot answer alone (search words...) is counted over its newest this many + 1: the
    # API's facets endpoint over what its pages of 100 reach; a list page over what its own pages reach
    # (`page_facet_bound`).
    facet_bound = COUNT_LIMIT
    facet_counters = {
        "work_arrangement": choice_counts("work_arrangement", WorkArrangement),
        "country": value_counts("country", countries.name),
        "city": top_counts("city", limit=15, case_insensitive=True),
        "employment_type": choice_counts("employment_type", EmploymentType),
        "shift": choice_counts("shift", Shift),
        "account_type": choice_counts("account_type", AccountType),
        "role": choice_counts("role", JobRole),
        "skill": related_counts(Skill.objects.all(), "job_postings"),
        "language": related_counts(Language.objects.all(), "job_postings", value_field="code"),
        "max_experience": count_experience(),
        "education": count_education(),
        "employer_kind": count_employer_kinds(),
        "posted_within": "count_posted_within",
        "currency": choice_counts("salary_currency", Currency),
    }

    class Meta:
        model = JobPosting
        fields = []
        form = JobFilterForm

    def filter_min_salary(self, queryset, name, value):
        return queryset.annotate(salary_top=Coalesce("salary_max", "salary_min")).filter(salary_top__gte=value)

    def filter_education(self, queryset, name, value: str):
        return queryset.filter(self.condition_education(value))

    def condition_education(self, value: str) -> Q:
        return Q(education_level__in=EducationLevel.up_to(value))

    def filter_employer_kind(self, queryset, name, value: str):
        return queryset.filter(self.condition_employer_kind(value))

    def condition_employer_kind(self, value: str) -> Q:
        return Q(employer__vendor__isnull=value == "in_house")

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(self.condition_posted_within(value))

    def condition_posted_within(self, value: int) -> Q:
        return Q(published_at__gte=timezone.now() - timedelta(days=value))

    def count_posted_within(self) -> ColumnCount:
        """Postings per age band (a day, three days...): each option counts its band and the newer ones."""
        days = [days for days, _ in POSTED_WITHIN]
        return ColumnCount(
            posted_band(timezone.now()), per_value=per_step(POSTED_WITHIN, lambda step: [d for d in days if d <= step])
        )

    def facet_records(self, records):
        """A selection the summary cannot answer alone (search words, an employer...) is counted over its newest
        `facet_bound + 1` postings: exact up to `facet_bound` (what the pages reach: 10,000 in the API, 2,000 on
        the page), the counts of those newest beyond (`facets_exact` False, said beside the counts)."""
        return records.filter(pk__in=self.facet_keys(records))

    def facet_keys(self, records):
        """The keys of the newest `facet_bound + 1` of `records`: read down the date index, a search's words a
        filter on the way, which stops at the bound. (The best matches first would rank and sort every match of a
        common phrase before the first key: seconds, cold, for a quarter of a million matches.)"""
        newest = records.order_by(F("published_at").desc(nulls_last=True), "-pk")
        return page_keys(newest, slice(0, self.facet_bound + 1))

    def summary_question(self, counters=None) -> SummaryQuestion:
        """The selection as a summary reads it (`SummaryQuestion`), with the facets of `counters` to count; the
        form is validated first (a filter in error is left out, as the database's counts leave it out)."""
        self.form.is_valid()
        chosen = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", []) and name != "ordering"
        }
        every = frozenset(name for name, filter_ in self.filters.items() if getattr(filter_, "match", None) == "all")
        columns = {}
        for name, counter in (counters or {}).items():
            # The cube's column is the counter's own (`min_experience_years`), or the facet's name where the
            # counter counts an expression (`employer_kind`, `posted_within`); a relation's terms have none.
            columns[name] = None if name in RELATIONS else counter.value if isinstance(counter.value, str) else name
        return SummaryQuestion(chosen=chosen, every=every, columns=columns)

    def summary_rows(self, counters):
        """The counts from the facet summary (`jobs.facets`) when every filter chosen is a column of its cells or
        a skill or language: no search words, employer or minimum salary, and a posted-within band of the list's
        own (a search is counted by `count`, from the summary too, over its newest matches)."""
        if self.chosen() - set(CELL_FILTERS) - set(RELATIONS):
            return None  # decided before the summary is asked
        return cube_counts(self.summary_question(counters))

    def count(self):
        """Every facet's options and the selection's total. A selection the summary cannot answer alone (search
        words, a minimum salary, an employer: none of them a facet) is counted from the summary over the keys of
        its newest `facet_bound + 1` postings: one query for the keys, those filters in it, then the cube for the
        others, instead of reading ten thousand postings with their skills and languages. The same postings as
        counting them gives, so the same counts (`tests/jobs/test_facet_summary.py`). Only for the public list's
        postings (`shared_records`): an employer's own, in every status, are counted from the postings."""
        chosen = self.chosen()
        by_keys = chosen - set(CELL_FILTERS) - set(RELATIONS)  # applied by the keys' query, not the cube
        counters = {name: self.counter(name) for name in self.facet_counters}
        question = replace(self.summary_question(counters), skip=frozenset(by_keys))
        if not (self.shared_records and by_keys and cube_counts_keys(question)):
            return super().count()
        # A list page's own bound applies here only: counting the postings themselves (no summary yet, or turned
        # off) shows no whole total, so a smaller bound there would have the page count its total apart.
        bound = self.facet_bound
        if self.page_facet_bound is not None:
            self.facet_bound = min(self.facet_bound, self.page_facet_bound)
        own = self.own_facets()
        records = self.queryset_without(*own)
        counted, self.total_is_whole = None, False
        if self.count_whole_total and (own or self.facet_bound < COUNT_LIMIT):
            # The keys leave out the facets' own choices, or stop short of the lists' count limit (the page's
            # bound), so the selection's total may not be among them: it is counted in the same query, up to one
            # past the lists' count limit, not by a query of its own.
            keys, counted = key_list_and_count(self.facet_keys(records), self.qs, COUNT_LIMIT + 1, using=records.db)
        else:
            keys = key_list(self.facet_keys(records), using=records.db)
        answered = cube_counts_within(question, keys)
        if answered is None:  # the summary went away since it was asked (a new count, the service restarted)
            self.facet_bound = bound
            return super().count()
        rows, total, held = answered
        # A key the summary does not hold yet (a posting published since it was counted) is in its next count,
        # within a minute, as in every other facet count it answers; the list then counts its total itself.
        self.total_is_current = held == len(keys)
        self.facets_exact = len(keys) <= self.facet_bound
        if counted is not None:
            total, self.total_is_whole = counted, True
        return self.options_from(counters, rows), total

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            # A search is ranked by relevance; a plain list is newest first.
            queryset = queryset.by_relevance(self.search_text(self.form.cleaned_data.get("q")) or "")
        return queryset


def _one_of(chosen):
    chosen = set(chosen or ())
    return lambda value: value in chosen


def _city(cities):
    upper = {city.upper() for city in cities or ()}
    return lambda value: value is not None and value.upper() in upper


def _education(level):
    levels = set(EducationLevel.up_to(level))
    return lambda value: value in levels


# How each filter of the list keeps a summary's rows (`JobFilter.summary_conditions`): the column it reads, and the
# same rule as its filter over the postings, on the row's value of that column (text, or None).
CELL_FILTERS: dict[str, tuple[str, Callable[[object], Callable[[str | None], bool]]]] = {
    "country": ("country", _one_of),
    "city": ("city", _city),
    **{name: (name, _one_of) for name in ("work_arrangement", "employment_type", "shift", "account_type", "role")},
    "currency": ("salary_currency", lambda code: lambda value: value == code),
    "max_experience": ("min_experience_years", lambda years: lambda value: int(value) <= years),
    "education": ("education_level", _education),
    "employer_kind": ("employer_kind", lambda kind: lambda value: value == kind),
    "posted_within": ("posted_within", lambda days: lambda value: value is not None and int(value) <= days),
}


@dataclass(frozen=True)
class SummaryQuestion:
    """A selection as a summary reads it: plain values, so that the summary service can be asked it
    (`core.summary_service`)."""

    chosen: dict[str, object]  # each filter given a value (the ordering is not one): its cleaned value
    every: frozenset[str]  # the filters whose values must all match (the others: any one of them)
    columns: dict[str, str | None] = field(default_factory=dict)  # each facet to count: its cube column, or None
    skip: frozenset[str] = frozenset()  # filters the caller applies itself (a search's keys)


def summary_conditions(rows: ColumnRows, question: SummaryQuestion, relations=()) -> dict[str, np.ndarray] | None:
    """Each chosen filter as a mask over `rows` (a facet cube's cells, a pay ledger's postings), or None when one
    of them is not a column of those rows: search words, an employer, a minimum salary, a posted-within span other
    than the list's own bands, or a column the rows do not keep. `relations`: the related terms (skill, language)
    the rows can filter on themselves (`rows.having`), as a ledger of postings can."""
    conditions = {}
    for name, value in question.chosen.items():
        if name in question.skip:
            continue
        if name in relations:
            conditions[name] = rows.having(name, value, every=name in question.every)
            continue
        column, keep = CELL_FILTERS.get(name, (None, None))
        if column not in rows.codes:
            return None
        if name == "posted_within" and value not in (days for days, _ in POSTED_WITHIN):
            return None
        conditions[name] = rows.where(column, keep(value))
    return conditions


def cube_rows(cube: FacetCube, question: SummaryQuestion, conditions, within: np.ndarray | None = None):
    """Each facet's rows and the total from the cube, for `conditions` (`summary_conditions`) and, if given, only
    the postings of the mask `within`. Each facet counts the postings passing every chosen filter but its own (as
    `count_facets` does): a column facet by cells (`FacetCube.postings`, or the postings the skill, language and
    `within` masks leave in each, `cell_postings`), a skill or language facet by the postings' bits
    (`per_term`)."""
    by_postings = {name: mask for name, mask in conditions.items() if name in RELATIONS}
    by_cells = {name: mask for name, mask in conditions.items() if name not in RELATIONS}
    everything = np.ones(cube.cells, dtype=bool)

    def left_out(other, name):  # a facet counts without its own choice, unless every value must match
        return other == name and name not in question.every

    def cells_but(name):
        others = [mask for other, mask in by_cells.items() if not left_out(other, name)]
        return np.logical_and.reduce(others) if others else everything

    def postings_but(name):
        others = [mask for other, mask in by_postings.items() if not left_out(other, name)]
        if within is not None:
            others.append(within)
        return np.logical_and.reduce(others) if others else None

    # The postings per cell that pass the skill and language filters: what every column facet counts.
    chosen_postings = postings_but(None)
    weights = cube.cell_postings(chosen_postings) if chosen_postings is not None else None
    rows = {}
    for name, column in question.columns.items():
        cells = cells_but(name)
        if name in RELATIONS:
            per_term = cube.per_term(name, cells, postings_but(name))
            terms = cube.terms[name]  # the vocabulary when counted: no query
            rows[name] = [
                (value, label, position, None, per_term.get(pk, 0)) for position, (value, label, pk) in enumerate(terms)
            ]
            continue
        rows[name] = [(value, value, None, None, n) for value, n in cube.per_value(column, cells, weights).items()]
    return rows, cube.total(cells_but(None), weights)


@answered_by_summaries
def cube_counts(question: SummaryQuestion):
    """Each facet's rows and the selection's total from the facet summary (None: none yet, turned off, or a
    filter chosen that is not a column of its cells nor a skill or language)."""
    cube = job_facet_cube()
    conditions = summary_conditions(cube, question, RELATIONS) if cube is not None else None
    return cube_rows(cube, question, conditions) if conditions is not None else None


@answered_by_summaries
def cube_counts_keys(question: SummaryQuestion) -> bool:
    """Whether the facet summary can count the selection over a search's keys (`cube_counts_within`): it holds
    the postings' keys and every filter chosen but those of `question.skip`."""
    cube = job_facet_cube()
    return (
        cube is not None and cube.posting_ids is not None and summary_conditions(cube, question, RELATIONS) is not None
    )


@answered_by_summaries
def cube_counts_within(question: SummaryQuestion, keys):
    """`cube_counts` over the postings of `keys` only, with how many of them the summary holds (a posting
    published since it was counted is not yet in it); None when the summary cannot count them."""
    cube = job_facet_cube()
    if cube is None or cube.posting_ids is None:
        return None
    conditions = summary_conditions(cube, question, RELATIONS)
    if conditions is None:
        return None
    within = cube.posting_rows(keys)
    rows, total = cube_rows(cube, question, conditions, within=within)
    return rows, total, int(within.sum())
