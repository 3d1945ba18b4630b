from django.db import migrations

from core.search import PostgresOnly

# A city's published postings newest first: the city filter matches case-insensitively (UPPER(city) = UPPER(...)),
# so the index is on the same expression. A city has a few tens of thousands of a million postings: its page
# walks this index and stops, and its COUNT reads the index alone. Written out as jobs.querysets.
# NEWEST_FIRST_INDEXES has it (a migration never reads a live module).
CREATE = (
    "CREATE INDEX job_pub_city_newest_idx ON jobs_jobposting "
    "(upper((city)::text), published_at DESC NULLS LAST, id DESC) INCLUDE (expires_at) WHERE status = 'published'"
)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0015_search_benefits_and_choice_words")]

    operations = [PostgresOnly([CREATE], ["DROP INDEX IF EXISTS job_pub_city_newest_idx"])]
