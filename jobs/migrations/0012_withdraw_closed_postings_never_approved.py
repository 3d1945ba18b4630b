"""Closed postings whose text no curator approved become withdrawn, so they lose the public page they had.

Before 0011, closing a pending posting published its unreviewed text (issue 16). Two kinds of closed rows hold
such text: those never approved (no publication date), and those whose employer edited them after their last
approval (the admin history records each edit, "Edited; sent to review", and each approval, "Approved and
published until ..."). The approved text of the latter was not kept anywhere, so they are withdrawn too.
This migration carries its own copy of those messages and reads no live module.
"""

from django.db import migrations
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast


def withdraw(apps, schema_editor):
    JobPosting = apps.get_model("jobs", "JobPosting")
    closed = JobPosting.objects.filter(status="closed")
    closed.filter(published_at__isnull=True).update(status="withdrawn")

    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    content_type = ContentType.objects.filter(app_label="jobs", model="jobposting").first()
    if content_type is None:  # a new database: no history yet
        return
    history = LogEntry.objects.filter(content_type=content_type, object_id=Cast(OuterRef("pk"), CharField()))
    last_edit = history.filter(change_message__startswith="Edited").order_by("-pk").values("pk")[:1]
    last_approval = history.filter(change_message__startswith="Approved").order_by("-pk").values("pk")[:1]
    edited_since = (
        closed.annotate(last_edit=Subquery(last_edit), last_approval=Subquery(last_approval))
        .filter(last_edit__isnull=False)
        .filter(Q(last_approval__isnull=True) | Q(last_edit__gt=F("last_approval")))
    )
    JobPosting.objects.filter(pk__in=edited_since.values("pk")).update(status="withdrawn")


def unwithdraw(apps, schema_editor):
    # Before 0011 there was no "withdrawn": such postings were "closed" (and public, the bug 0011 fixes).
    apps.get_model("jobs", "JobPosting").objects.filter(status="withdrawn").update(status="closed")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0011_withdrawn_status_and_approved_version"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(withdraw, unwithdraw, elidable=False)]
