from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_databreach_log")]

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
