"""The published postings best paid first within a currency (`?currency=USD&ordering=-salary_max`), as migration
0017 gives them within a country.

The top of the whole board's salary index is pesos and rupees: a list of US-dollar postings best paid first
walked it from the top, testing each posting's currency in the table, past most of the board before it had a
page (1.8 s cold at a million postings, bench/README.md). Led by the currency, a page is a range of the index."""

from django.db import migrations

from core.search import PostgresOnly

SALARY_TOP = "COALESCE(salary_max, salary_min) DESC NULLS LAST, id DESC"


class Migration(migrations.Migration):
    dependencies = [("jobs", "0025_published_search_index")]

    operations = [
        PostgresOnly(
            f"CREATE INDEX IF NOT EXISTS job_pub_currency_salary_top_idx ON jobs_jobposting "
            f"(salary_currency, {SALARY_TOP}) INCLUDE (expires_at) WHERE status = 'published'",
            "DROP INDEX IF EXISTS job_pub_currency_salary_top_idx",
        )
    ]
