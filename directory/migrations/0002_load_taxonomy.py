"""Load the canonical service types, industries, compliance standards, channels, shore models,
call-center types and languages (directory/taxonomy.py)."""

from django.db import migrations

from directory.taxonomy import sync_directory_taxonomy


def load(apps, schema_editor):
    sync_directory_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
