# A vendor is its centers: each delivery center says which languages its agents work in and what an agent hour
# costs there (a vendor's figures are derived from its centers').

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0010_search_vector'),
    ]

    operations = [
        migrations.AddField(
            model_name='deliverycenter',
            name='hourly_rate_max',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='highest hourly rate here (USD)'),
        ),
        migrations.AddField(
            model_name='deliverycenter',
            name='hourly_rate_min',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='lowest hourly rate here (USD)'),
        ),
        migrations.AddField(
            model_name='deliverycenter',
            name='languages',
            field=models.ManyToManyField(blank=True, help_text="The languages this center's agents work in.", related_name='centers', to='directory.language'),
        ),
        migrations.AddConstraint(
            model_name='deliverycenter',
            constraint=models.CheckConstraint(condition=models.Q(('hourly_rate_min__gte', 0), ('hourly_rate_min__isnull', True), _connector='OR'), name='center_rate_min_non_negative'),
        ),
        migrations.AddConstraint(
            model_name='deliverycenter',
            constraint=models.CheckConstraint(condition=models.Q(('hourly_rate_max__gte', models.F('hourly_rate_min')), ('hourly_rate_max__isnull', True), ('hourly_rate_min__isnull', True), _connector='OR'), name='center_rate_max_gte_min'),
        ),
    ]
