from django.db import migrations

from bpo_portal.search import PostgresOnly

# The first relevance tier of a search is "every word in the title" (bpo_portal.search.relevance_tier). Its own
# GIN index over the title's text-search vector gives the planner true statistics for it: a phrase that no
# title holds is answered from this index at once instead of by walking the whole newest-first index.
# The expression is the one Django writes for SearchVector("title", config="english"). Not a partial index: the
# planner takes an expression's statistics only from a full one.
INDEX = (
    "CREATE INDEX IF NOT EXISTS job_title_fts_idx ON jobs_jobposting "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(title, '')))"
)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0009_list_indexes_cover_expiry")]

    operations = [PostgresOnly(INDEX, "DROP INDEX IF EXISTS job_title_fts_idx")]
