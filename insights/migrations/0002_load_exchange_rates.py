"""Load the exchange rates shipped with the project (insights/data/exchange_rates.csv)."""

from django.db import migrations

from insights.rates import SHIPPED_RATES, exchange_rates_load, parse_rate_file


def load(apps, schema_editor):
    table = parse_rate_file(SHIPPED_RATES.read_text())
    exchange_rates_load(table=table, model=apps.get_model("insights", "ExchangeRate"))


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
