from django.db import migrations, models


class Migration(migrations.Migration):
    # The integrator rechains this after the other 0007-0012 migrations at merge.
    dependencies = [("cases", "0007_lgsco_recommendation")]

    operations = [
        migrations.AddField(
            model_name="stage",
            name="paused_from",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="stage",
            name="paused_to",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="stage",
            name="pause_reason",
            field=models.TextField(blank=True),
        ),
    ]
