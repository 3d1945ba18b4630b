"""Describe the canonical service types for their landing pages (directory/taxonomy.py)."""

from django.db import migrations

from directory.taxonomy import sync_service_descriptions


def load(apps, schema_editor):
    sync_service_descriptions(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_service_descriptions_and_rating")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
