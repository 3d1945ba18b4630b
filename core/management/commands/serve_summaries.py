import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.summary_service import SummaryService


class Command(BaseCommand):
    help = (
        "Serve the kept summaries (the job facet cube, the pay ledger) to the web workers over the Unix socket "
        "SUMMARY_SERVICE_SOCKET names, so that they hold none of them; run it beside gunicorn under the same "
        "settings. Stops on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--socket", help="listen here instead of SUMMARY_SERVICE_SOCKET (the workers must agree)")

    def handle(self, *args, socket=None, **options):
        path = socket or settings.SUMMARY_SERVICE_SOCKET
        if not path:
            raise CommandError("Set SUMMARY_SERVICE_SOCKET (or pass --socket): the path of the socket to listen on.")
        service = SummaryService(path)
        service.open()

        def stop(signum, frame):
            service.stop(wake=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Serving the summaries on {path}", ending="\n")
        self.stdout.flush()
        service.serve_forever()
