from django.db import migrations

from core.search import PostgresOnly

# The first relevance tier of a search is "every word in the title" (core.search.relevance_tier), read
# through this GIN index over the title's text-search vector. The expression is the one Django writes for
# SearchVector("title", config="english"). The index is partial (published postings), and the planner takes no
# statistics from a partial index's expression: it takes the title tier for small and reads it from this index,
# at a cost that grows with the titles that match. With a full index's statistics it guessed words common in
# titles to be common together ("customer" and "support" never are) and walked the whole newest-first index.
INDEX = (
    "CREATE INDEX IF NOT EXISTS job_pub_title_fts_idx ON jobs_jobposting "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(title, ''))) WHERE status = 'published'"
)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0009_list_indexes_cover_expiry")]

    operations = [PostgresOnly(INDEX, "DROP INDEX IF EXISTS job_pub_title_fts_idx")]
