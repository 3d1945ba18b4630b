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

from django.db import connection
from django.db.models import Avg, Case, CharField, Count, F, FloatField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, TruncWeek
from django.utils import timezone
from django_countries import countries

from core.units import AGENT_HOURS_A_MONTH
from directory.models import DeliveryCenter
from directory.shore import shore_model_case, shore_model_for
from insights.models import ExchangeRate
from jobs.choices import AccountType, JobPostingStatus, JobRole, SalaryPeriod, Shift, WorkArrangement
from jobs.models import JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill

MIN_GROUP = 5
# The name the insights gave core.units.AGENT_HOURS_A_MONTH before it moved there.
HOURS_PER_MONTH = AGENT_HOURS_A_MONTH
EXPERIENCE_BANDS = [
    ("0", "Entry level (0 years)", 0, 0),
    ("1-2", "1 to 2 years", 1, 2),
    ("3-5", "3 to 5 years", 3, 5),
    ("6+", "6 years or more", 6, 50),
]


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


def monthly_salary(prefix: str = "", in_usd: bool = True):
    """The posting's pay per month as a float expression (`prefix` reaches the posting from another model)."""
    # Floats before any arithmetic: SQLite divides integers as integers.
    low = Cast(F(f"{prefix}salary_min"), FloatField())
    high = Cast(F(f"{prefix}salary_max"), FloatField())
    middle = (Coalesce(low, high) + Coalesce(high, low)) / Value(2.0)
    per_month = Case(
        When(**{f"{prefix}salary_period": SalaryPeriod.HOUR}, then=middle * Value(float(AGENT_HOURS_A_MONTH))),
        When(**{f"{prefix}salary_period": SalaryPeriod.YEAR}, then=middle / Value(12.0)),
        default=middle,
        output_field=FloatField(),
    )
    if not in_usd:
        return Cast(per_month, FloatField())
    rate = ExchangeRate.objects.filter(currency=OuterRef(f"{prefix}salary_currency")).values("usd_per_unit")[:1]
    return Cast(per_month, FloatField()) * Cast(Subquery(rate), FloatField())


def experience_band(prefix: str = ""):
    field = f"{prefix}min_experience_years"
    return Case(
        *[
            When(**{f"{field}__gte": low, f"{field}__lte": high}, then=Value(key))
            for key, _, low, high in EXPERIENCE_BANDS
        ],
        default=Value("6+"),
    )


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


def _breakdowns(paid, currency: str | None) -> Breakdowns:
    """The breakdowns of `paid` in USD (`currency` None) or in `currency`, over the postings paid in it."""
    if currency:
        paid = paid.filter(salary_currency=currency)

    def money(prefix=""):
        return monthly_salary(prefix, in_usd=currency is None)

    def by(expression, labels, order=None):
        rows = paid.annotate(g=expression, v=money()).values_list("g", "v")
        return figures(grouped_quartiles(rows, "g", "v"), labels, order)

    skill_rows = (
        JobSkillRequirement.objects.filter(job_posting__in=paid.values("pk"))
        .order_by()
        .annotate(g=F("skill__slug"), v=money("job_posting__"))
        .values_list("g", "v")
    )
    skill_names = dict(Skill.objects.values_list("slug", "name"))
    bands = {key: label for key, label, _, _ in EXPERIENCE_BANDS}
    return Breakdowns(
        currency=currency or "USD",
        by_shift=by(F("shift"), dict(Shift.choices), list(Shift.values)),
        by_account_type=by(F("account_type"), dict(AccountType.choices), list(AccountType.values)),
        by_work_arrangement=by(F("work_arrangement"), dict(WorkArrangement.choices), list(WorkArrangement.values)),
        by_experience=by(experience_band(), bands, list(bands)),
        by_role=by(F("role"), dict(JobRole.choices), list(JobRole.values)),
        by_skill=figures(grouped_quartiles(skill_rows, "g", "v"), skill_names)[:15],
    )


def pay_insights(postings) -> PayInsights:
    """CSR pay over `postings` (published ones, already filtered like the job list), in fixed queries."""

    paid = postings.filter(Q(salary_min__isnull=False) | Q(salary_max__isnull=False)).exclude(salary_currency="")
    paid = paid.order_by()

    local_rows = paid.annotate(g=_concat("country", "salary_currency"), v=monthly_salary(in_usd=False))
    local_stats = grouped_quartiles(local_rows.values_list("g", "v"), "g", "v")
    local: dict[str, GroupFigure] = {}
    for figure in figures(local_stats, {}):  # largest first, so each country keeps its most common currency
        country, currency = figure.value.split(":")
        local.setdefault(country, GroupFigure(currency, currency, figure.count, figure.quartiles))

    shift_rows = paid.annotate(g=_concat("country", "salary_currency", "shift"), v=monthly_salary(in_usd=False))
    per_shift: dict[tuple[str, str], dict] = defaultdict(dict)
    for key, stats in grouped_quartiles(shift_rows.values_list("g", "v"), "g", "v").items():
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

    usd = _breakdowns(paid, None)
    one_country = next(iter(local.values())) if len(local) == 1 else None
    return PayInsights(
        total=paid.count(),
        by_country=figures(
            grouped_quartiles(paid.annotate(g=F("country"), v=monthly_salary()).values_list("g", "v"), "g", "v"),
            dict(countries),
        ),
        local=local,
        usd=usd,
        breakdowns=_breakdowns(paid, one_country.value) if one_country else usd,
        shift_by_country=shift_by_country,
    )


def _concat(*fields):
    parts = []
    for index, field in enumerate(fields):
        if index:
            parts.append(Value(":"))
        parts.append(F(field))
    return Concat(*parts, output_field=CharField())


@dataclass(frozen=True)
class CostInsights:
    client_country: str
    by_country: list[GroupFigure]  # hourly rate (USD) quartiles over vendors delivering from the country
    by_shore_model: list[GroupFigure]
    seats: dict[str, int]  # seats per delivery country
    shore_of_country: dict[str, str]


def cost_insights(vendors, client_country: str) -> CostInsights:
    """Vendors' hourly rates (the middle of each center's band, or of the vendor's for a center without one) per
    delivery country and per shore model seen from `client_country`; each vendor counts once per country and once
    per shore model (at the middle of its centers' rates there)."""

    # A center's own band where it has one (rates differ between a vendor's centers), else the vendor's.
    centers = DeliveryCenter.objects.filter(vendor__in=vendors.values("pk")).filter(
        Q(hourly_rate_min__isnull=False) | Q(vendor__hourly_rate_min__isnull=False)
    )
    center_low = Cast(F("hourly_rate_min"), FloatField())
    center_rate = (center_low + Coalesce(Cast(F("hourly_rate_max"), FloatField()), center_low)) / Value(2.0)
    low = Cast(F("vendor__hourly_rate_min"), FloatField())
    vendor_rate = (low + Coalesce(Cast(F("vendor__hourly_rate_max"), FloatField()), low)) / Value(2.0)
    rate = Coalesce(center_rate, vendor_rate)
    per_country = (
        centers.order_by()
        .values("country", "vendor_id")
        .annotate(rate=Avg(rate))
        .values_list("country", "vendor_id", "rate")
    )
    shore = shore_model_case(client_country)
    per_shore = (
        centers.order_by()
        .annotate(shore=shore)
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
    by_country = figures(grouped_quartiles(per_country, "country", "rate"), dict(countries))
    return CostInsights(
        client_country=client_country.upper(),
        by_country=by_country,
        by_shore_model=figures(
            {"onshore": (0, None), "nearshore": (0, None), "offshore": (0, None)}
            | grouped_quartiles(per_shore, "shore", "rate"),
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
