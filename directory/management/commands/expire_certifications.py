from django.core.management.base import BaseCommand

from directory.services.certifications import certifications_expire


class Command(BaseCommand):
    help = "Take expired certifications off vendors' profiles and filters. Safe to run as often as you like (cron)."

    def handle(self, *args, **options):
        count = certifications_expire()
        self.stdout.write(f"Updated {count} vendor{'s' if count != 1 else ''} with expired certifications.")
