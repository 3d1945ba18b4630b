from django.db import migrations

from core.search import PostgresOnly

# The newest-first indexes of migration 0008 again, now carrying expires_at, which every public list filters on
# (JobPostingQuerySet.published): the page's keys and the list's COUNT are then read from the index alone
# (index-only scans), without visiting a million rows of the table. job_pub_open_idx counts the unfiltered list.
# The indexes are written out as jobs.querysets had them when this migration was made (a migration never reads a
# live module): name -> the columns before the order.
INDEXES = {
    "job_pub_newest_idx": "",
    "job_pub_country_newest_idx": "country, work_arrangement, ",
    "job_pub_arr_newest_idx": "work_arrangement, ",
    "job_pub_shift_newest_idx": "shift, ",
    "job_pub_account_newest_idx": "account_type, ",
}
NEWEST_FIRST = "published_at DESC NULLS LAST, id DESC"

PUBLISHED = "WHERE status = 'published'"


def create(include: str) -> list[str]:
    return [f"CREATE INDEX {name} ON jobs_jobposting ({columns}{NEWEST_FIRST}){include} {PUBLISHED}" for name, columns in INDEXES.items()]


DROP = [f"DROP INDEX IF EXISTS {name}" for name in INDEXES]


class Migration(migrations.Migration):
    dependencies = [("jobs", "0008_list_order_indexes")]

    operations = [
        PostgresOnly(
            [*DROP, *create(" INCLUDE (expires_at)"), f"CREATE INDEX job_pub_open_idx ON jobs_jobposting (expires_at) {PUBLISHED}"],
            [*DROP, *create(""), "DROP INDEX IF EXISTS job_pub_open_idx"],
        ),
    ]
