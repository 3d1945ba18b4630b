"""The insights' figures, computed in the database.

Pay: each published posting with a salary counts once, at the middle of its range (or its only figure), turned into
a monthly amount (an hourly rate x a full-time agent's paid hours a month, core.units.AGENT_HOURS_A_MONTH; a yearly
salary / 12) and into US dollars with the dated exchange-rate table. Quartiles are PostgreSQL's `percentile_cont`
(linear interpolation between the closest ranks); on SQLite the same interpolation runs in Python over the rows of
one query. A group with fewer than MIN_GROUP postings or vendors shows no figure.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Case, CharField, Count, F, FloatField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, TruncWeek
from django.utils import timezone
from django_countries import countries

from core.units import AGENT_HOURS_A_MONTH
from directory.models import DeliveryCenter
from directory.shore import shore_model_case, shore_model_for
from insights.models import ExchangeRate
from jobs.choices import AccountType, JobPostingStatus, SalaryPeriod, Shift, WorkArrangement
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
class PayInsights:
    total: int
    by_country: list[GroupFigure]  # in USD
    local: dict[str, GroupFigure]  # per country: its most common currency's figures (label = currency code)
    by_shift: list[GroupFigure]
    by_account_type: list[GroupFigure]
    by_work_arrangement: list[GroupFigure]
    by_experience: list[GroupFigure]
    by_skill: list[GroupFigure]


def pay_insights(postings) -> PayInsights:
    """CSR pay over `postings` (published ones, already filtered like the job list), in fixed queries."""

    paid = postings.filter(Q(salary_min__isnull=False) | Q(salary_max__isnull=False)).exclude(salary_currency="")
    paid = paid.order_by()

    def by(expression, labels, order=None):
        rows = paid.annotate(g=expression, v=monthly_salary()).values_list("g", "v")
        return figures(grouped_quartiles(rows, "g", "v"), labels, order)

    local_rows = paid.annotate(g=_concat("country", "salary_currency"), v=monthly_salary(in_usd=False))
    local_stats = grouped_quartiles(local_rows.values_list("g", "v"), "g", "v")
    local: dict[str, GroupFigure] = {}
    for figure in figures(local_stats, {}):  # largest first, so each country keeps its most common currency
        country, currency = figure.value.split(":")
        local.setdefault(country, GroupFigure(currency, currency, figure.count, figure.quartiles))

    skill_rows = (
        JobSkillRequirement.objects.filter(job_posting__in=paid.values("pk"))
        .order_by()
        .annotate(g=F("skill__slug"), v=monthly_salary("job_posting__"))
        .values_list("g", "v")
    )
    skill_names = dict(Skill.objects.values_list("slug", "name"))
    bands = {key: label for key, label, _, _ in EXPERIENCE_BANDS}
    return PayInsights(
        total=paid.count(),
        by_country=by(F("country"), dict(countries)),
        local=local,
        by_shift=by(F("shift"), dict(Shift.choices), list(Shift.values)),
        by_account_type=by(F("account_type"), dict(AccountType.choices), list(AccountType.values)),
        by_work_arrangement=by(F("work_arrangement"), dict(WorkArrangement.choices), list(WorkArrangement.values)),
        by_experience=by(experience_band(), bands, list(bands)),
        by_skill=figures(grouped_quartiles(skill_rows, "g", "v"), skill_names)[:15],
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
    """Vendors' hourly rates (the middle of each vendor's band) per delivery country and per shore model seen
    from `client_country`; each vendor counts once per country and once per shore model."""

    centers = DeliveryCenter.objects.filter(vendor__in=vendors.values("pk"), vendor__hourly_rate_min__isnull=False)
    low = Cast(F("vendor__hourly_rate_min"), FloatField())
    rate = (low + Coalesce(Cast(F("vendor__hourly_rate_max"), FloatField()), low)) / Value(2.0)
    per_country = centers.order_by().annotate(rate=rate).values_list("country", "vendor_id", "rate").distinct()
    shore = shore_model_case(client_country)
    per_shore = centers.order_by().annotate(shore=shore, rate=rate).values_list("shore", "vendor_id", "rate").distinct()
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
    def change(self) -> float | None:
        """Growth of the last four weeks over the four before, as a fraction; None without a base."""
        recent, before = sum(self.weekly[-4:]), sum(self.weekly[-8:-4])
        return None if before == 0 else (recent - before) / before


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
