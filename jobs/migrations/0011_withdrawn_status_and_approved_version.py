# A posting closed before it was ever approved becomes "withdrawn" (never public); a published posting's approved
# version is kept aside while an unreviewed edit stands on its row (jobs.services.postings.job_posting_close).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0010_title_search_index'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='jobposting',
            name='job_status_valid',
        ),
        migrations.AddField(
            model_name='jobposting',
            name='approved_version',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name='jobposting',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('pending', 'Pending review'), ('published', 'Published'), ('rejected', 'Rejected'), ('closed', 'Closed'), ('withdrawn', 'Withdrawn'), ('expired', 'Expired')], default='draft', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='jobposting',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'pending', 'published', 'rejected', 'closed', 'withdrawn', 'expired'])), name='job_status_valid'),
        ),
    ]
