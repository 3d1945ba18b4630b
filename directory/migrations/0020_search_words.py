"""The words of the public names, the vendors search's vocabulary of close words (core.search.searched_words): kept
by the search-vector upkeep from now on (directory/search.py), filled here from what is already public."""

from django.db import migrations

from core.search import PostgresOnly

WORDS = """
INSERT INTO core_searchword (scope, word)
SELECT DISTINCT 'vendors', w FROM (
    SELECT regexp_split_to_table(lower(t.name), '[^[:alnum:]]+') AS w
    FROM (SELECT DISTINCT name FROM directory_vendor WHERE status = 'published') t
) s
WHERE length(w) BETWEEN 3 AND 60
ON CONFLICT (scope, word) DO NOTHING
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_words"), ('directory', '0019_vendor_order_indexes')]

    operations = [PostgresOnly(WORDS, reverse_sql="DELETE FROM core_searchword WHERE scope = 'vendors'")]
