# Only approved text is public: a posting with a public page was approved once, and its row holds no
# unreviewed edit (jobs.querysets.JobPostingQuerySet.visible_to_public states the same rule).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0012_withdraw_closed_postings_never_approved'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='jobposting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['published', 'closed', 'expired']), _negated=True), ('published_at__isnull', False), _connector='OR'), name='job_public_was_approved'),
        ),
        migrations.AddConstraint(
            model_name='jobposting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['published', 'closed', 'expired']), _negated=True), ('approved_version__isnull', True), _connector='OR'), name='job_public_text_approved'),
        ),
    ]
