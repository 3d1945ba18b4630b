"""The expressions the pay figures read from a posting, shared by the database's own figures and the pay ledger's
count (`insights.summaries`)."""

from django.db.models import Case, CharField, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat

from core.units import AGENT_HOURS_A_MONTH
from insights.models import ExchangeRate
from jobs.choices import SalaryPeriod

EXPERIENCE_BANDS = [
    ("0", "Entry level (0 years)", 0, 0),
    ("1-2", "1 to 2 years", 1, 2),
    ("3-5", "3 to 5 years", 3, 5),
    ("6+", "6 years or more", 6, 50),
]
OLDEST_BAND = "6+"  # the band of anything past the others


def paid(postings):
    """The postings that state a salary (a range, or one figure) in a currency: the ones pay is figured from."""
    return postings.filter(Q(salary_min__isnull=False) | Q(salary_max__isnull=False)).exclude(salary_currency="")


def monthly_salary(prefix: str = "", in_usd: bool = True):
    """The posting's pay per month as a float expression (`prefix` reaches the posting from another model): the
    middle of its range (or its only figure), an hourly rate x a full-time agent's paid hours a month
    (core.units.AGENT_HOURS_A_MONTH), a yearly salary / 12; in US dollars at the rate table's rate."""
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


def experience_band_of(years: int | None) -> str:
    """The band (EXPERIENCE_BANDS) of a number of years asked, as `experience_band` gives it."""
    for key, _, low, high in EXPERIENCE_BANDS:
        if years is not None and low <= years <= high:
            return key
    return OLDEST_BAND


def experience_band(prefix: str = ""):
    field = f"{prefix}min_experience_years"
    return Case(
        *[
            When(**{f"{field}__gte": low, f"{field}__lte": high}, then=Value(key))
            for key, _, low, high in EXPERIENCE_BANDS
        ],
        default=Value(OLDEST_BAND),
    )


def joined(*expressions):
    """Several expressions as one text, ':' between them (a group of several columns)."""
    parts = []
    for index, expression in enumerate(expressions):
        if index:
            parts.append(Value(":"))
        parts.append(expression)
    return Concat(*parts, output_field=CharField())
