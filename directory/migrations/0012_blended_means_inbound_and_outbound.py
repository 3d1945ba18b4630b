"""Name the blended call-center type for what it is: inbound and outbound (a CSR account's blended is voice and
non-voice, on the job board). The name is written out here; a name a curator has changed is left alone."""

from django.db import migrations

OLD, NEW = "Blended", "Blended (inbound and outbound)"


def rename(apps, schema_editor):
    apps.get_model("directory", "CallCenterType").objects.filter(slug="blended", name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    apps.get_model("directory", "CallCenterType").objects.filter(slug="blended", name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_center_languages_and_rates")]

    operations = [migrations.RunPython(rename, rename_back, elidable=False)]
