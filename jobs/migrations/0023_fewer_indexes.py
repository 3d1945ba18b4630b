"""Five foreign keys lose the index Django gives each by default: another index begins with each of them (the
requirements' unique keys, `job_skill_skill_job_idx`, `job_lang_language_job_idx`, `job_employer_status_idx`)
and serves every lookup the single-column one did. Five fewer indexes for every write, and for the seeding to
build (about 1.3 s each at a million postings)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0020_search_words'),
        ('jobs', '0022_postings_stored_whole'),
    ]

    operations = [
        migrations.AlterField(
            model_name='joblanguagerequirement',
            name='job_posting',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='language_requirements', to='jobs.jobposting'),
        ),
        migrations.AlterField(
            model_name='joblanguagerequirement',
            name='language',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='job_requirements', to='directory.language'),
        ),
        migrations.AlterField(
            model_name='jobposting',
            name='employer',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='job_postings', to='directory.employer'),
        ),
        migrations.AlterField(
            model_name='jobskillrequirement',
            name='job_posting',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='skill_requirements', to='jobs.jobposting'),
        ),
        migrations.AlterField(
            model_name='jobskillrequirement',
            name='skill',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='requirements', to='jobs.skill'),
        ),
    ]
