from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from insights.rates import SHIPPED_RATES, exchange_rates_load, parse_rate_file


class Command(BaseCommand):
    help = "Load exchange rates (USD per unit, dated) from a CSV file; see insights/data/exchange_rates.csv."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SHIPPED_RATES), help="The rate file (default: shipped).")

    def handle(self, *args, path, **options):
        try:
            table = parse_rate_file(Path(path).read_text())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        except ValidationError as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        count = exchange_rates_load(table=table)
        self.stdout.write(f"Loaded {count} exchange rates as of {table.as_of:%Y-%m-%d}.")
