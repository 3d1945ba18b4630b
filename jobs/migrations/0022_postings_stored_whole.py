"""A posting's search vector and description stay in its row on PostgreSQL, not in the TOAST table.

A posting's row is about 2.3 KB, most of it the search vector (about 1.4 KB) and the description. Past 2 KB,
PostgreSQL compresses the longest values and moves them to the table's TOAST table, read back through its
own index. A search walks the newest postings down the date index and tests each one's vector: about five
buffers a posting out of line, one or two in the row, and under half the time (bench/README.md has the
figures). Rows are kept whole up to 8,160 bytes (`toast_tuple_target`'s largest value); a longer posting is still moved out. Rows written before
this are moved into the row by the next `VACUUM FULL jobs_jobposting` (or as each is updated)."""

from django.db import migrations

from core.search import PostgresOnly


class Migration(migrations.Migration):
    dependencies = [("jobs", "0021_summary_moves_to_core")]

    operations = [
        PostgresOnly(
            "ALTER TABLE jobs_jobposting SET (toast_tuple_target = 8160)",
            reverse_sql="ALTER TABLE jobs_jobposting RESET (toast_tuple_target)",
        )
    ]
