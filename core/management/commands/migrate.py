"""Django's `migrate`, with the statement time limit (DATABASE_STATEMENT_TIMEOUT_MS, meant for requests) lifted
for its session: building an index or rewriting a table over a million rows legitimately takes minutes."""

from django.core.management.commands import migrate

from core.sql import statement_timeout_lifted


class Command(migrate.Command):
    def handle(self, *args, **options):
        with statement_timeout_lifted(options["database"]):
            return super().handle(*args, **options)
