"""Load the canonical CSR skills and certifications (jobs/taxonomy.py)."""

from django.db import migrations

from jobs.taxonomy import sync_jobs_taxonomy


def load(apps, schema_editor):
    sync_jobs_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
