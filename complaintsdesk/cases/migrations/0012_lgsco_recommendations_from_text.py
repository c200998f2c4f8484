"""Each Ombudsman case whose recommendations were only free text gets one recommendation
record holding that text, so it is tracked to compliance like the others (ADR 0012).

- kind "other" (the neutral kind); the text kept word for word as the description;
- due: `LgscoRecommendation.due` is required, and the old text has no date of its own, so
  the record takes the Ombudsman case's compliance date, else its decision date, else the
  date it was received; complied: the Ombudsman case's own complied date, if it has one;
- the evidence says the record was migrated, and its key (`R-text-<Ombudsman case id>`)
  marks it: the reverse deletes only these records. A second run adds nothing, since the
  case then has a record.

A case that already has recommendation records is left alone: its text is the Ombudsman's
words beside records someone made. The free-text field itself is kept.
"""

from typing import Any

from django.db import migrations

KEY_PREFIX = "R-text-"
EVIDENCE = (
    "Migrated from the Ombudsman case's free-text recommendations: check the kind and the "
    "due date, which is the case's compliance date (or its decision date) as the text had none."
)


def recommendations_from_text(apps: Any, schema_editor: Any) -> None:
    LgscoCase = apps.get_model("cases", "LgscoCase")
    LgscoRecommendation = apps.get_model("cases", "LgscoRecommendation")
    cases = (
        LgscoCase.objects.exclude(recommendations__regex=r"^\s*$")
        .filter(recommendation_records__isnull=True)
        .order_by("pk")
    )
    LgscoRecommendation.objects.bulk_create(
        LgscoRecommendation(
            key=f"{KEY_PREFIX}{case.pk}",
            lgsco_case=case,
            kind="other",
            description=case.recommendations,
            due=case.compliance_due or case.decided or case.received,
            complied=case.complied,
            evidence=EVIDENCE,
        )
        for case in cases.iterator()
    )


def recommendations_from_text_undo(apps: Any, schema_editor: Any) -> None:
    LgscoRecommendation = apps.get_model("cases", "LgscoRecommendation")
    LgscoRecommendation.objects.filter(key__startswith=KEY_PREFIX, evidence=EVIDENCE).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_stage_pause")]

    operations = [
        migrations.RunPython(recommendations_from_text, recommendations_from_text_undo),
    ]
