from django.core.management.base import BaseCommand, CommandError

from core.models import Summary
from core.summaries import KeptSummary


class Command(BaseCommand):
    help = (
        "Count the summaries now (the job list's facet cube, the pay ledger...; the site counts each again by "
        "itself when it is no longer fresh): after a bulk load or a deployment, so that the first visitor's "
        "figures come from them."
    )

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these summaries (default: every one)")

    def handle(self, *args, names, **options):
        unknown = sorted(set(names) - set(KeptSummary.every))
        if unknown:
            raise CommandError(f"No summary named {', '.join(unknown)}; there are {', '.join(KeptSummary.every)}.")
        for name in names or sorted(KeptSummary.every):
            KeptSummary.every[name].refresh()
            summary = Summary.objects.defer("data").get(name=name)
            self.stdout.write(f"{name}: {summary.size} rows counted in {summary.seconds:.1f} s.")
