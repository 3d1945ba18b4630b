"""The search index holds published postings only, as the job board's other indexes do, and the title trigram
index goes.

- `job_pub_search_gin` replaces `jobs_jobposting_search_gin`. Every search of the postings asks for published
  ones (`JobPostingQuerySet.published()`); with the whole table's index the planner met that condition by
  intersecting the matches with a partial B-tree of every published posting (880,000 entries at a million
  postings), 70 ms of a search's 300 (bench/README.md). The partial index answers it by itself.
- `jobs_jobposting_title_trgm` is read by nothing since the close words of a typo come from the vocabulary table
  (`core.search.searched_words`, `core_searchword`): no scan in a whole benchmark run, and one GIN index less to
  build when the postings are seeded."""

from django.db import migrations

from core.search import PostgresOnly

PUBLISHED_SEARCH = (
    "CREATE INDEX IF NOT EXISTS job_pub_search_gin ON jobs_jobposting USING gin (search_vector) "
    "WHERE status = 'published'"
)
WHOLE_SEARCH = "CREATE INDEX IF NOT EXISTS jobs_jobposting_search_gin ON jobs_jobposting USING gin (search_vector)"
TITLE_TRIGRAMS = (
    "CREATE INDEX IF NOT EXISTS jobs_jobposting_title_trgm ON jobs_jobposting USING gin (title gin_trgm_ops)"
)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0024_newest_index_carries_pay")]

    operations = [
        PostgresOnly(
            [
                PUBLISHED_SEARCH,
                "DROP INDEX IF EXISTS jobs_jobposting_search_gin",
                "DROP INDEX IF EXISTS jobs_jobposting_title_trgm",
            ],
            [WHOLE_SEARCH, TITLE_TRIGRAMS, "DROP INDEX IF EXISTS job_pub_search_gin"],
        )
    ]
