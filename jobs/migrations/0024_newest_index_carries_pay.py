"""The newest-first index of the whole list (`job_pub_newest_idx`) carries the pay and experience columns too.

A minimum salary (with its currency) and the experience asked are filters no facet summary holds, so a list
filtered by them is read from the postings: its page and its facets' newest 10,001 keys down this index, and its
total by a count. With the index carrying those columns (as it carries `expires_at` since migration 0009), both
are index-only, without reading the table's rows (bench/README.md has the figures)."""

from django.db import migrations

from core.search import PostgresOnly

NEWEST_FIRST = "published_at DESC NULLS LAST, id DESC"
PUBLISHED = "WHERE status = 'published'"
DROP = "DROP INDEX IF EXISTS job_pub_newest_idx"


def create(include: str) -> str:
    return f"CREATE INDEX job_pub_newest_idx ON jobs_jobposting ({NEWEST_FIRST}) INCLUDE ({include}) {PUBLISHED}"


class Migration(migrations.Migration):
    dependencies = [("jobs", "0023_fewer_indexes")]

    operations = [
        PostgresOnly(
            [DROP, create("expires_at, salary_currency, salary_min, salary_max, min_experience_years")],
            [DROP, create("expires_at")],
        )
    ]
