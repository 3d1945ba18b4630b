from django.core.management.base import BaseCommand

from jobs.tasks import alerts_enqueue_due


class Command(BaseCommand):
    help = "Queue the saved-search digests that are due (daily and weekly); run it from cron, e.g. hourly."

    def handle(self, *args, **options):
        count = alerts_enqueue_due()
        self.stdout.write(f"Queued {count} alert digest{'s' if count != 1 else ''}.")
