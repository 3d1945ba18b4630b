import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.sql import statement_timeout_lifted
from demo.seed import deferred_indexes_build, flush_seeded_data, has_seeded_data, seed_demo
from insights.cache import insights_invalidate


class Command(BaseCommand):
    help = (
        "Fill the directory and the job board with realistic, deterministic demo data. "
        "Refuses to add to a database that has vendors, employers or postings unless --flush is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vendors", type=int, default=150, help="How many vendors (default 150).")
        parser.add_argument("--jobs", type=int, default=2000, help="How many job postings (default 2,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--flush", action="store_true", help="Delete existing vendors, employers and postings first."
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing (and succeed) when data exists.")
        parser.add_argument(
            "--build-indexes",
            action="store_true",
            help="Only build the indexes a large seeding stopped before building (PostgreSQL), then stop.",
        )

    def handle(self, *args, vendors, jobs, seed, flush, if_empty, build_indexes, **options):
        if build_indexes:
            built = deferred_indexes_build()
            self.stdout.write(self.style.SUCCESS(f"Built {built} indexes a seeding had left."))
            return
        if vendors < 1 or jobs < 0:
            raise CommandError("--vendors must be at least 1 and --jobs at least 0.")
        if has_seeded_data():
            if if_empty and not flush:
                self.stdout.write("The database already has data; not seeding.")
                return
            if not flush:
                raise CommandError("The database already has vendors or job postings. Use --flush to replace them.")
        started = time.perf_counter()
        # One transaction: if seeding fails, the flushed data comes back. Its bulk statements over a million rows
        # run for minutes: no statement time limit for this session. The secondary indexes of a large load are
        # built once it has committed, two at a time (demo.seed.indexes_built_after), unless the command runs
        # inside a transaction of its caller's.
        defer_indexes = not transaction.get_connection().in_atomic_block
        with statement_timeout_lifted(), transaction.atomic():
            if flush:
                flush_seeded_data()
                self.stdout.write("Removed the existing vendors, employers and job postings.")
            report = seed_demo(vendors=vendors, jobs=jobs, seed=seed, defer_indexes=defer_indexes)
        insights_invalidate()  # bulk inserts send no signals; the data is committed
        if defer_indexes and (built := deferred_indexes_build()):
            self.stdout.write(f"Built {built} indexes after the load.")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {report.vendors:,} vendors, {report.employers:,} employers, "
                f"{report.job_postings:,} job postings ({report.skill_requirements:,} skill and "
                f"{report.language_requirements:,} language requirements) in {elapsed:.1f} s."
            )
        )
