# The contact-center ladder (a posting's role: agent, senior agent or SME, team leader, quality analyst, WFM
# analyst, trainer, operations manager), the Philippines' Senior High School (K-12) diploma as an education level,
# and "blended" accounts labelled as voice and non-voice (a call center's blended is inbound and outbound).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0013_public_postings_were_approved'),
    ]

    operations = [
        migrations.AddField(
            model_name='jobposting',
            name='role',
            field=models.CharField(choices=[('agent', 'Agent (CSR, TSR, chat or email)'), ('senior_agent', 'Senior agent or subject-matter expert'), ('team_leader', 'Team leader'), ('quality_analyst', 'Quality analyst'), ('workforce_analyst', 'Workforce (WFM) analyst'), ('trainer', 'Trainer'), ('operations_manager', 'Operations manager')], default='agent', max_length=20),
        ),
        migrations.AlterField(
            model_name='jobposting',
            name='account_type',
            field=models.CharField(choices=[('voice', 'Voice'), ('non_voice', 'Non-voice'), ('blended', 'Blended (voice and non-voice)')], default='voice', max_length=10),
        ),
        migrations.AlterField(
            model_name='jobposting',
            name='education_level',
            field=models.CharField(choices=[('none', 'No formal requirement'), ('high_school', 'High school diploma or GED'), ('senior_high', 'Senior High School (K-12) graduate'), ('vocational', 'Vocational certificate'), ('some_college', 'Two years of college'), ('bachelor', "Bachelor's degree"), ('postgraduate', 'Postgraduate degree')], default='high_school', max_length=15),
        ),
        migrations.AlterField(
            model_name='seekerprofile',
            name='education_level',
            field=models.CharField(choices=[('none', 'No formal requirement'), ('high_school', 'High school diploma or GED'), ('senior_high', 'Senior High School (K-12) graduate'), ('vocational', 'Vocational certificate'), ('some_college', 'Two years of college'), ('bachelor', "Bachelor's degree"), ('postgraduate', 'Postgraduate degree')], default='high_school', max_length=15),
        ),
        migrations.AddIndex(
            model_name='jobposting',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['role'], name='job_pub_role_idx'),
        ),
        migrations.AddConstraint(
            model_name='jobposting',
            constraint=models.CheckConstraint(condition=models.Q(('role__in', ['agent', 'senior_agent', 'team_leader', 'quality_analyst', 'workforce_analyst', 'trainer', 'operations_manager'])), name='job_role_valid'),
        ),
    ]
