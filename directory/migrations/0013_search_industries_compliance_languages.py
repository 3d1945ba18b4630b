# The directory's search vector gains the industries a vendor serves, its compliance standards and its languages
# (directory/search.py): buyers search "HIPAA", "healthcare", "German". The stored vectors of the vendors already
# there are recomputed here, on PostgreSQL, with a copy of that expression as SQL made when this migration was
# written (tests/project/test_migrations_frozen.py checks the copy against the live one).

from django.db import migrations

from core.search import PostgresOnly


def _names(table: str, column: str, target: str) -> str:
    return (
        f'COALESCE(COALESCE((SELECT STRING_AGG("U2"."name", \' \') AS "names" FROM "{table}" "U0" '
        f'INNER JOIN "{target}" "U2" ON ("U0"."{column}" = "U2"."id") '
        f'WHERE "U0"."vendor_id" = ("directory_vendor"."id") GROUP BY "U0"."vendor_id"), \'\'), \'\')'
    )


RELATIONS = [
    ("directory_vendor_services", "servicetype_id", "directory_servicetype"),
    ("directory_vendor_industries", "industry_id", "directory_industry"),
    ("directory_vendor_compliance_standards", "compliancestandard_id", "directory_compliancestandard"),
    ("directory_vendor_languages", "language_id", "directory_language"),
]

VECTOR_SQL = (
    'UPDATE "directory_vendor" SET "search_vector" = (('
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"directory_vendor\".\"name\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"directory_vendor\".\"tagline\", '') || ' ' || "
    + " || ' ' || ".join(_names(*relation) for relation in RELATIONS)
    + "), 'B')) || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"directory_vendor\".\"description\", '')), 'C'))"
)


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_blended_means_inbound_and_outbound")]

    operations = [PostgresOnly(sql=VECTOR_SQL, reverse_sql=migrations.RunSQL.noop, elidable=False)]
