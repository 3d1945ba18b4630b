from django.db import migrations

from core.search import PostgresOnly

# Statistics of the words of the titles, as the search's title tier reads them (core.search.relevance_tier, over
# the GIN index of migration 0010). Without them PostgreSQL guessed that "customer service" was in 22 titles of a
# million, not 241,503, and sorted all of them for each page (850 ms); knowing, it reads the newest postings
# and stops (2 ms). An expression's statistics come with a statistics object (PostgreSQL 14+); ANALYZE fills it.
EXPRESSION = "(to_tsvector('english'::regconfig, (COALESCE(title, ''::character varying))::text))"
CREATE = [
    f"CREATE STATISTICS job_title_words_stats ON {EXPRESSION} FROM jobs_jobposting",
    "ANALYZE jobs_jobposting",
]


class Migration(migrations.Migration):
    dependencies = [("jobs", "0017_salary_first_index")]

    operations = [PostgresOnly(CREATE, ["DROP STATISTICS IF EXISTS job_title_words_stats"])]
