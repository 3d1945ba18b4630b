"""Load the reference exchange rates of 2026-11-02: US dollars for one unit of each currency.

The rates are written out here as insights/data/exchange_rates.csv had them when this migration was made, so that
it builds the same database whenever it runs (a migration never reads a live module or file). Newer rates are
loaded with `manage.py load_exchange_rates`; a fresh database gets them from a new data migration.
"""

import datetime
from decimal import Decimal

from django.db import migrations

AS_OF = datetime.date(2026, 11, 2)

USD_PER_UNIT = {
    "USD": "1",
    "CAD": "0.72",
    "GBP": "1.31",
    "EUR": "1.15",
    "AUD": "0.65",
    "PHP": "0.0171",
    "INR": "0.0114",
    "MXN": "0.054",
    "COP": "0.00026",
    "CRC": "0.0020",
    "GTQ": "0.130",
    "DOP": "0.0157",
    "JMD": "0.0063",
    "BRL": "0.185",
    "PLN": "0.27",
    "RON": "0.226",
    "ZAR": "0.057",
    "EGP": "0.0207",
    "MYR": "0.236",
    "VND": "0.000038",
    "IDR": "0.000060",
    "THB": "0.030",
    "KES": "0.0077",
    "MAD": "0.107",
}


def load(apps, schema_editor):
    exchange_rate = apps.get_model("insights", "ExchangeRate")
    for currency, rate in USD_PER_UNIT.items():
        exchange_rate.objects.update_or_create(
            currency=currency, defaults={"usd_per_unit": Decimal(rate), "as_of": AS_OF}
        )


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
