"""The insights' figures, computed in the database.

Pay: each published posting with a salary counts once, at the middle of its range (or its only figure), turned into
a monthly amount (an hourly rate x a full-time agent's paid hours a month, core.units.AGENT_HOURS_A_MONTH; a yearly
salary / 12) and into US dollars with the dated exchange-rate table. Quartiles are PostgreSQL's `percentile_cont`
(linear interpolation between the closest ranks); on SQLite the same interpolation runs in Python over the rows of
one query. A group with fewer than MIN_GROUP postings or vendors shows no figure.

Pay differs from one country to the next far more than between shifts, so shifts are compared within each
country, in its own currency (`ShiftComparison`); and when the postings are all in one country, every breakdown
is given in that country's currency (`PayInsights.currency`), US dollars only beside it.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import connection
from django.db.models import Avg, Count, F, FloatField, Max, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncWeek
from django.utils import timezone
from django_countries import countries

from core.units import AGENT_HOURS_A_MONTH
from directory.models import DeliveryCenter
from directory.shore import shore_model_case, shore_model_for
from insights.ledger import PayLedger
from insights.models import ExchangeRate
from insights.querysets import EXPERIENCE_BANDS, experience_band, experience_band_of, joined, monthly_salary, paid
from jobs.choices import AccountType, JobPostingStatus, JobRole, Shift, WorkArrangement
from jobs.models import JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill

MIN_GROUP = 5
# The name the insights gave core.units.AGENT_HOURS_A_MONTH before it moved there.
HOURS_PER_MONTH = AGENT_HOURS_A_MONTH


@dataclass(frozen=True)
class Quartiles:
    p25: float
    median: float
    p75: float


@dataclass(frozen=True)
class GroupFigure:
    value: str
    label: str
    count: int
    quartiles: Quartiles | None  # None when the group is too small to say anything

    @property
    def enough_data(self) -> bool:
        return self.quartiles is not None


def percentile_cont(ordered: list[float], fraction: float) -> float:
    """PostgreSQL's percentile_cont over already sorted values."""
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def grouped_quartiles(rows, group: str, value: str) -> dict[str, tuple[int, Quartiles]]:
    """Count and quartiles of column `value` per value of column `group` of `rows`, a values_list queryset.

    Other columns only make the rows distinct (a vendor id, so a vendor counts once per group). On PostgreSQL
    one aggregate query over the rows' own SQL; elsewhere one query for the rows and the same interpolation.
    """
    names = list(rows._fields)
    result = {}
    if connection.vendor == "postgresql":
        # Django selects a values_list's columns in the order it names them.
        columns = [f"c{index}" for index in range(len(names))]
        g, v = columns[names.index(group)], columns[names.index(value)]
        sql, params = rows.query.sql_with_params()
        quartiles = ", ".join(f"percentile_cont({f}) WITHIN GROUP (ORDER BY t.{v})" for f in (0.25, 0.5, 0.75))
        aggregate = (
            f"SELECT t.{g}, count(*), {quartiles} FROM ({sql}) AS t({', '.join(columns)}) "  # noqa: S608 - own SQL
            f"WHERE t.{v} IS NOT NULL GROUP BY t.{g}"
        )
        with connection.cursor() as cursor:
            cursor.execute(aggregate, params)
            for key, count, p25, median, p75 in cursor.fetchall():
                result[key] = (count, Quartiles(float(p25), float(median), float(p75)))
        return result
    g, v = names.index(group), names.index(value)
    values = defaultdict(list)
    for row in rows:
        if row[v] is not None:
            values[row[g]].append(float(row[v]))
    for key, numbers in values.items():
        numbers.sort()
        result[key] = (len(numbers), Quartiles(*(percentile_cont(numbers, f) for f in (0.25, 0.5, 0.75))))
    return result


def figures(stats, labels: dict[str, str], order: list[str] | None = None) -> list[GroupFigure]:
    """GroupFigures for the groups that have rows, largest first unless an order is given."""
    rows = [
        GroupFigure(
            value=str(value),
            label=labels.get(value, str(value)),
            count=count,
            quartiles=quartiles if count >= MIN_GROUP else None,
        )
        for value, (count, quartiles) in stats.items()
        if value not in (None, "")
    ]
    if order:
        rows.sort(key=lambda row: order.index(row.value) if row.value in order else len(order))
    else:
        rows.sort(key=lambda row: (-row.count, row.label))
    return rows


@dataclass(frozen=True)
class ShiftComparison:
    """One country's pay per shift, in its most common posting currency: shifts compared where they compete."""

    country: str
    label: str
    currency: str
    shifts: list[GroupFigure]

    @property
    def night_vs_day(self) -> float | None:
        """How much more (or less) the median night posting pays than the median day posting, as a fraction;
        None unless both groups have enough postings."""
        medians = {row.value: row.quartiles.median for row in self.shifts if row.quartiles}
        if Shift.NIGHT not in medians or Shift.DAY not in medians:
            return None
        return medians[Shift.NIGHT] / medians[Shift.DAY] - 1


@dataclass(frozen=True)
class Breakdowns:
    """Monthly pay per shift, account type, arrangement, experience, role and skill, in `currency`."""

    currency: str
    by_shift: list[GroupFigure]
    by_account_type: list[GroupFigure]
    by_work_arrangement: list[GroupFigure]
    by_experience: list[GroupFigure]
    by_role: list[GroupFigure]
    by_skill: list[GroupFigure]


@dataclass(frozen=True)
class PayInsights:
    total: int
    by_country: list[GroupFigure]  # in USD
    local: dict[str, GroupFigure]  # per country: its most common currency's figures (label = currency code)
    usd: Breakdowns  # every posting, in US dollars
    # In the one country's currency when every posting is in one country (a page filtered to it); else `usd`.
    breakdowns: Breakdowns
    shift_by_country: list[ShiftComparison]  # largest countries first

    @property
    def currency(self) -> str:
        return self.breakdowns.currency

    # The USD breakdowns under their former names (the API's monthly_usd).
    by_shift = property(lambda self: self.usd.by_shift)
    by_account_type = property(lambda self: self.usd.by_account_type)
    by_work_arrangement = property(lambda self: self.usd.by_work_arrangement)
    by_experience = property(lambda self: self.usd.by_experience)
    by_role = property(lambda self: self.usd.by_role)
    by_skill = property(lambda self: self.usd.by_skill)


class DatabasePay:
    """The pay figures' groups counted by the database, over `postings`."""

    def __init__(self, postings):
        self.paid = paid(postings).order_by()

    def total(self) -> int:
        return self.paid.count()

    def stats(self, group: tuple[str, ...], in_usd: bool, currency: str | None = None) -> dict:
        """Count and quartiles of monthly pay per value of `group` (PAY_GROUPS names; several joined by ':'), in
        US dollars or in each posting's currency, over the postings paid in `currency` (or all of them)."""
        postings = self.paid.filter(salary_currency=currency) if currency else self.paid
        if group == ("skill",):
            rows = (
                JobSkillRequirement.objects.filter(job_posting__in=postings.values("pk"))
                .order_by()
                .annotate(g=F("skill__slug"), v=monthly_salary("job_posting__", in_usd=in_usd))
            )
        else:
            expressions = [PAY_GROUPS[name] for name in group]
            key = expressions[0] if len(expressions) == 1 else joined(*expressions)
            rows = postings.annotate(g=key, v=monthly_salary(in_usd=in_usd))
        return grouped_quartiles(rows.values_list("g", "v"), "g", "v")


# What the pay figures group by, as the database reads it from a posting.
PAY_GROUPS = {
    "country": F("country"),
    "salary_currency": F("salary_currency"),
    "shift": F("shift"),
    "account_type": F("account_type"),
    "work_arrangement": F("work_arrangement"),
    "role": F("role"),
    "experience": experience_band(),
}


class LedgerPay:
    """The same groups read from the pay ledger (`insights.ledger`), over the postings of `mask`."""

    def __init__(self, ledger: PayLedger, mask):
        self.ledger, self.mask = ledger, mask

    def total(self) -> int:
        return int(self.mask.sum())

    def stats(self, group: tuple[str, ...], in_usd: bool, currency: str | None = None) -> dict:
        ledger, mask = self.ledger, self.mask
        if currency:
            mask = mask & ledger.where("salary_currency", lambda value: value == currency)
        if group == ("skill",):
            raw = ledger.per_term("skill", mask, in_usd)
        else:
            keys, labels = zip(*(self._column(name) for name in group), strict=True)
            raw = ledger.grouped(mask, list(keys), list(labels), in_usd)
        return {
            key: (count, Quartiles(float(p25), float(median), float(p75)))
            for key, (count, p25, median, p75) in raw.items()
        }

    def _column(self, name: str):
        ledger = self.ledger
        if name != "experience":
            return ledger.codes[name], ledger.values[name]
        bands = [key for key, _, _, _ in EXPERIENCE_BANDS]
        years = [None if value is None else int(value) for value in ledger.values["min_experience_years"]]
        band_of = np.array([bands.index(experience_band_of(y)) for y in years], dtype=np.int64)
        codes = ledger.codes["min_experience_years"]
        return (band_of[codes] if len(band_of) else codes), bands


def _breakdowns(source, currency: str | None) -> Breakdowns:
    """The breakdowns in USD (`currency` None) or in `currency`, over the postings paid in it."""

    def by(group, labels, order=None):
        return figures(source.stats((group,), currency is None, currency), labels, order)

    skill_names = dict(Skill.objects.values_list("slug", "name"))
    bands = {key: label for key, label, _, _ in EXPERIENCE_BANDS}
    return Breakdowns(
        currency=currency or "USD",
        by_shift=by("shift", dict(Shift.choices), list(Shift.values)),
        by_account_type=by("account_type", dict(AccountType.choices), list(AccountType.values)),
        by_work_arrangement=by("work_arrangement", dict(WorkArrangement.choices), list(WorkArrangement.values)),
        by_experience=by("experience", bands, list(bands)),
        by_role=by("role", dict(JobRole.choices), list(JobRole.values)),
        by_skill=figures(source.stats(("skill",), currency is None, currency), skill_names)[:15],
    )


def pay_insights(postings=None, *, source=None) -> PayInsights:
    """CSR pay over `postings` (published ones, already filtered like the job list), in fixed queries; or from
    `source`, a `LedgerPay` holding the same postings (`pay_insights_for` chooses)."""
    source = source or DatabasePay(postings)

    local_stats = source.stats(("country", "salary_currency"), in_usd=False)
    local: dict[str, GroupFigure] = {}
    for figure in figures(local_stats, {}):  # largest first, so each country keeps its most common currency
        country, currency = figure.value.split(":")
        local.setdefault(country, GroupFigure(currency, currency, figure.count, figure.quartiles))

    per_shift: dict[tuple[str, str], dict] = defaultdict(dict)
    for key, stats in source.stats(("country", "salary_currency", "shift"), in_usd=False).items():
        country, currency, shift = key.split(":")
        per_shift[(country, currency)][shift] = stats
    shift_by_country = [
        ShiftComparison(
            country,
            countries.name(country),
            figure.value,
            figures(per_shift[(country, figure.value)], dict(Shift.choices), list(Shift.values)),
        )
        for country, figure in local.items()
    ]

    usd = _breakdowns(source, None)
    one_country = next(iter(local.values())) if len(local) == 1 else None
    return PayInsights(
        total=source.total(),
        by_country=figures(source.stats(("country",), in_usd=True), dict(countries)),
        local=local,
        usd=usd,
        breakdowns=_breakdowns(source, one_country.value) if one_country else usd,
        shift_by_country=shift_by_country,
    )


@dataclass(frozen=True)
class CostInsights:
    client_country: str
    by_country: list[GroupFigure]  # hourly rate (USD) quartiles over vendors delivering from the country
    by_shore_model: list[GroupFigure]
    seats: dict[str, int]  # seats per delivery country
    shore_of_country: dict[str, str]


def _center_rate():
    """A center's own band's middle where it has one (rates differ between a vendor's centers), else its
    vendor's."""
    center_low = Cast(F("hourly_rate_min"), FloatField())
    center_rate = (center_low + Coalesce(Cast(F("hourly_rate_max"), FloatField()), center_low)) / Value(2.0)
    low = Cast(F("vendor__hourly_rate_min"), FloatField())
    vendor_rate = (low + Coalesce(Cast(F("vendor__hourly_rate_max"), FloatField()), low)) / Value(2.0)
    return Coalesce(center_rate, vendor_rate)


def cost_insights(vendors, client_country: str) -> CostInsights:
    """Vendors' hourly rates (the middle of each center's band, or of the vendor's for a center without one) per
    delivery country and per shore model seen from `client_country`; each vendor counts once per country and once
    per shore model (at the middle of its centers' rates there)."""
    centers = DeliveryCenter.objects.filter(vendor__in=vendors.values("pk")).filter(
        Q(hourly_rate_min__isnull=False) | Q(vendor__hourly_rate_min__isnull=False)
    )
    rate = _center_rate()
    per_country = (
        centers.order_by()
        .values("country", "vendor_id")
        .annotate(rate=Avg(rate))
        .values_list("country", "vendor_id", "rate")
    )
    per_shore = (
        centers.order_by()
        .annotate(shore=shore_model_case(client_country))
        .values("shore", "vendor_id")
        .annotate(rate=Avg(rate))
        .values_list("shore", "vendor_id", "rate")
    )
    seats = dict(
        DeliveryCenter.objects.filter(vendor__in=vendors.values("pk"))
        .order_by()
        .values_list("country")
        .annotate(n=Sum("seats"))
    )
    return cost_figures(
        client_country,
        grouped_quartiles(per_country, "country", "rate"),
        grouped_quartiles(per_shore, "shore", "rate"),
        seats,
    )


def cost_rows(vendors):
    """Per vendor of `vendors` and delivery country: the sum and number of its centers' rates there and their
    seats (the rows of `insights.costs.CostTable`)."""
    rate = _center_rate()
    return (
        DeliveryCenter.objects.filter(vendor__in=vendors.values("pk"))
        .order_by()
        .values("country", "vendor_id")
        .annotate(rate_sum=Sum(rate), rated=Count(rate), seats_sum=Sum("seats"))
        .values_list("country", "vendor_id", "rate_sum", "rated", "seats_sum")
    )


def cost_figures(client_country: str, per_country: dict, per_shore: dict, seats: dict) -> CostInsights:
    """The cost figures from count and quartiles (`grouped_quartiles`' shape) per delivery country and per shore
    model, and the seats per delivery country."""
    by_country = figures(per_country, dict(countries))
    return CostInsights(
        client_country=client_country.upper(),
        by_country=by_country,
        by_shore_model=figures(
            {"onshore": (0, None), "nearshore": (0, None), "offshore": (0, None)} | per_shore,
            {"onshore": "Onshore", "nearshore": "Nearshore", "offshore": "Offshore"},
            ["onshore", "nearshore", "offshore"],
        ),
        seats=seats,
        shore_of_country={row.value: _shore(client_country, row.value) for row in by_country},
    )


def _shore(client: str, country: str) -> str:
    return shore_model_for(client, country)


@dataclass(frozen=True)
class Trend:
    value: str
    label: str
    weekly: list[int]  # oldest week first
    total: int

    @property
    def enough_data(self) -> bool:
        """Whether the last eight weeks hold enough postings (MIN_GROUP in each half) to speak of a change."""
        return min(sum(self.weekly[-4:]), sum(self.weekly[-8:-4])) >= MIN_GROUP

    @property
    def change(self) -> float | None:
        """Growth of the last four weeks over the four before, as a fraction; None when either half has fewer
        than MIN_GROUP postings (a change from 1 to 3 is no trend)."""
        if not self.enough_data:
            return None
        recent, before = sum(self.weekly[-4:]), sum(self.weekly[-8:-4])
        return (recent - before) / before


@dataclass(frozen=True)
class DemandInsights:
    weeks: list  # the Monday of each week, oldest first
    skills: list[Trend]
    languages: list[Trend]
    countries: list[Trend]


WEEKS = 12
PUBLISHED_ONCE = [JobPostingStatus.PUBLISHED, JobPostingStatus.CLOSED, JobPostingStatus.EXPIRED]


def demand_insights(postings=None, now=None, top: int = 10) -> DemandInsights:
    """Postings published in each of the last 12 weeks per skill, language and country (one query each),
    counting postings since closed or expired too: demand is what employers asked for."""

    now = now or timezone.now()
    this_monday = (now - timedelta(days=now.weekday())).date()
    weeks = [this_monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    start = timezone.make_aware(timezone.datetime.combine(weeks[0], timezone.datetime.min.time()))
    if postings is None:
        postings = JobPosting.objects.all()
    recent = postings.filter(status__in=PUBLISHED_ONCE, published_at__gte=start).values("pk")

    def trends(rows, labels) -> list[Trend]:
        counts: dict[str, dict] = defaultdict(dict)
        names = {}
        for value, name, week, n in rows:
            counts[value][week.date() if hasattr(week, "date") else week] = n
            names[value] = name
        result = [
            Trend(value, labels.get(value, names[value]), [per_week.get(w, 0) for w in weeks], sum(per_week.values()))
            for value, per_week in counts.items()
        ]
        result.sort(key=lambda t: (-t.total, t.label))
        return result[:top]

    def weekly(model, value, name, posting="job_posting"):
        return (
            model.objects.filter(**{f"{posting}__in": recent})
            .order_by()
            .annotate(week=TruncWeek(f"{posting}__published_at"))
            .values_list(value, name, "week")
            .annotate(n=Count("pk"))
        )

    country_rows = (
        JobPosting.objects.filter(pk__in=recent)
        .order_by()
        .annotate(week=TruncWeek("published_at"))
        .values_list("country", "country", "week")
        .annotate(n=Count("pk"))
    )
    return DemandInsights(
        weeks=weeks,
        skills=trends(weekly(JobSkillRequirement, "skill__slug", "skill__name"), {}),
        languages=trends(weekly(JobLanguageRequirement, "language__code", "language__name"), {}),
        countries=trends(country_rows, dict(countries)),
    )


# The client country the cost figures assume when none is asked for.
DEFAULT_CLIENT_COUNTRY = "US"


def rates_as_of():
    return ExchangeRate.objects.aggregate(latest=Max("as_of"))["latest"]
