"""The exchange-rate table: read from a dated CSV file (insights/data/exchange_rates.csv is the one shipped).

The file has comment lines starting with #, an `as_of,<YYYY-MM-DD>` line, a `currency,usd_per_unit` header,
then one row per ISO 4217 currency: what one unit is worth in US dollars.
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from insights.models import ExchangeRate
from jobs.choices import Currency

SHIPPED_RATES = Path(__file__).resolve().parent / "data" / "exchange_rates.csv"


@dataclass(frozen=True)
class RateTable:
    as_of: date
    rates: dict[str, Decimal]


def parse_rate_file(text: str) -> RateTable:
    """Parse the file's text; a ValidationError names the line that is wrong."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    rows = list(csv.reader(lines))
    if len(rows) < 3 or rows[0][0].strip() != "as_of" or [c.strip() for c in rows[1]] != ["currency", "usd_per_unit"]:
        raise ValidationError("Expected an 'as_of,<date>' line, then the header 'currency,usd_per_unit'.")
    try:
        as_of = date.fromisoformat(rows[0][1].strip())
    except (IndexError, ValueError) as error:
        raise ValidationError("The as_of line needs a date as YYYY-MM-DD.") from error
    rates = {}
    for number, row in enumerate(rows[2:], start=3):
        if len(row) != 2:
            raise ValidationError(f"Row {number}: expected 'currency,usd_per_unit'.")
        code, value = row[0].strip().upper(), row[1].strip()
        if code not in Currency.values:
            raise ValidationError(f"Row {number}: {code!r} is not one of the job board's currencies.")
        try:
            rate = Decimal(value)
        except InvalidOperation as error:
            raise ValidationError(f"Row {number}: {value!r} is not a number.") from error
        if rate <= 0:
            raise ValidationError(f"Row {number}: a rate must be above zero.")
        rates[code] = rate
    return RateTable(as_of=as_of, rates=rates)


@transaction.atomic
def exchange_rates_load(*, table: RateTable) -> int:
    """Replace the stored rates of the currencies in `table`; the others keep theirs. Returns how many."""
    for code, rate in table.rates.items():
        ExchangeRate.objects.update_or_create(currency=code, defaults={"usd_per_unit": rate, "as_of": table.as_of})
    return len(table.rates)
