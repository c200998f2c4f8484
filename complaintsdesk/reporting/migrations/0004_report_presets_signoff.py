

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_compliment_version'),
        ('reporting', '0003_tally_triggers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='reportnarrative',
            name='preset',
            field=models.CharField(default='children', max_length=16),
        ),
        migrations.CreateModel(
            name='ComplimentExample',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.CharField(max_length=7)),
                ('preset', models.CharField(max_length=16)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('chosen_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('compliment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_examples', to='cases.compliment')),
            ],
            options={
                'ordering': ['created_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('year', 'preset', 'compliment'), name='one_example_per_compliment')],
            },
        ),
        migrations.CreateModel(
            name='ReportSignOff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.CharField(max_length=7)),
                ('preset', models.CharField(max_length=16)),
                ('name', models.CharField(max_length=200)),
                ('role', models.CharField(max_length=200)),
                ('signed_on', models.DateField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('signed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['year', 'preset', '-created_at'], name='reporting_r_year_fde977_idx')],
            },
        ),
    ]
