"""Roles whose holders must use two-step sign-in (chosen by the complaints manager)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_council_identity")]

    operations = [
        migrations.CreateModel(
            name="TwoStepRequiredRole",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(max_length=50, unique=True)),
                ("chosen_at", models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
