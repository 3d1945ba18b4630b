from django.core.management.base import BaseCommand

from jobs.services.postings import job_postings_expire_due


class Command(BaseCommand):
    help = "Expire published job postings whose expiry date has passed. Safe to run as often as you like (cron)."

    def handle(self, *args, **options):
        count = job_postings_expire_due()
        self.stdout.write(f"Expired {count} job posting{'s' if count != 1 else ''}.")
