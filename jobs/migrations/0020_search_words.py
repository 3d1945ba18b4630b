"""The words of the public titles, the jobs search's vocabulary of close words (core.search.searched_words): kept
by the search-vector upkeep from now on (jobs/search.py), filled here from what is already public."""

from django.db import migrations

from core.search import PostgresOnly

WORDS = """
INSERT INTO core_searchword (scope, word)
SELECT DISTINCT 'jobs', w FROM (
    SELECT regexp_split_to_table(lower(t.title), '[^[:alnum:]]+') AS w
    FROM (SELECT DISTINCT title FROM jobs_jobposting WHERE status IN ('published', 'closed', 'expired') AND published_at IS NOT NULL AND approved_version IS NULL) t
) s
WHERE length(w) BETWEEN 3 AND 60
ON CONFLICT (scope, word) DO NOTHING
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_words"), ('jobs', '0019_facet_summary')]

    operations = [PostgresOnly(WORDS, reverse_sql="DELETE FROM core_searchword WHERE scope = 'jobs'")]
