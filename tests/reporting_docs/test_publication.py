"""The published edition is refused while personal data is found in its free text; a finding
is cleared only by redacting the source record or by a named person accepting it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaintsdesk.cases.models import Learning
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.publication import (
    PublicationRefused,
    privacy_accept,
    privacy_redact,
    report_publish_check,
)
from complaintsdesk.reporting.models import PrivacyAcceptance
from complaintsdesk.reporting.narrative import narrative_save
from tests.reporting_docs.data import report_finish

pytestmark = pytest.mark.django_db


def test_keira_learning_refuses_publication_naming_the_record(keira_world, manager):
    report_finish(manager=manager)
    report = annual_report_build(year="2023-24", edition="published")
    assert [(f.kind, f.text) for f in report.findings] == [("name", "Keira")]
    with pytest.raises(PublicationRefused) as refused:
        report_publish_check(report)
    assert "Learning L-KEIRA" in str(refused.value)
    assert not report.publishable


def test_cli_refuses_published_edition_with_nonzero_exit_and_names_the_record(
    keira_world, tmp_path, manager
):
    report_finish(manager=manager)
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError) as refused:
        call_command(
            "report",
            "annual",
            "--year",
            "2023-24",
            "--format",
            "pdf",
            "--edition",
            "published",
            "-o",
            str(out),
        )
    assert refused.value.returncode != 0
    assert "Learning L-KEIRA" in str(refused.value) and "Keira" in str(refused.value)
    assert not out.exists()


def test_internal_edition_is_not_checked(keira_world):
    report = annual_report_build(year="2023-24", edition="internal")
    assert report.findings == ()
    assert any("Keira" in t.text for t in report.free_texts)


def test_redacting_the_source_record_clears_the_finding(keira_world, manager):
    report_finish(manager=manager)
    learning = keira_world.keira
    privacy_redact(
        actor=manager,
        record_type="learning",
        record_id=str(learning.pk),
        field="learning",
        text="CHAD services acted to ensure the young person's immediate safety.",
    )
    learning.refresh_from_db()
    assert "Keira" not in learning.learning
    assert AuditEvent.objects.filter(
        kind="report.privacy_redacted", actor=manager, object_id=str(learning.pk)
    ).exists()
    report = annual_report_build(year="2023-24", edition="published")
    assert report.findings == ()
    report_publish_check(report)  # does not raise


def test_accepting_a_finding_by_a_named_person_clears_it_and_is_audited(keira_world, manager):
    finding = annual_report_build(year="2023-24", edition="published").findings[0]
    acceptance = privacy_accept(
        actor=manager, finding=finding, reason="Name changed in the record already"
    )
    assert acceptance.accepted_by == manager
    assert "Keira" not in acceptance.finding_hash  # only a hash is kept
    assert AuditEvent.objects.filter(kind="report.privacy_accepted", actor=manager).count() == 1
    assert annual_report_build(year="2023-24", edition="published").findings == ()


def test_acceptance_holds_only_for_the_accepted_text(keira_world, manager):
    finding = annual_report_build(year="2023-24", edition="published").findings[0]
    privacy_accept(actor=manager, finding=finding)
    Learning.objects.filter(pk=keira_world.keira.pk).update(learning="Oliver's carer was not told.")
    findings = annual_report_build(year="2023-24", edition="published").findings
    assert [(f.text, f.source.record_id) for f in findings] == [
        ("Oliver", str(keira_world.keira.pk))
    ]


def test_narrative_is_checked_too(world, manager):
    narrative_save(
        actor=manager,
        year="2023-24",
        section="cic",
        text="Mrs Jones told us her son was not listened to.",
    )
    findings = annual_report_build(year="2023-24", edition="published").findings
    assert [(f.source.record_type, f.kind, f.text) for f in findings] == [
        ("narrative", "title_name", "Mrs Jones")
    ]


def test_published_edition_writes_once_clear(world, tmp_path, manager):
    report_finish(manager=manager)
    out = tmp_path / "report.json"
    call_command(
        "report",
        "annual",
        "--year",
        "2023-24",
        "--format",
        "json",
        "--edition",
        "published",
        "-o",
        str(out),
    )
    assert '"edition": "published"' in out.read_text()
    assert PrivacyAcceptance.objects.count() == 0


@pytest.mark.parametrize(
    ("record_type", "field", "service_kind"),
    [
        ("case", "summary", "case.updated"),
        ("lgsco_case", "recommendations", None),
        ("learning", "learning", None),
    ],
)
def test_each_kind_of_record_can_be_redacted(world, manager, record_type, field, service_kind):
    from complaintsdesk.cases.models import Case, LgscoCase

    report = annual_report_build(year="2023-24", edition="published")
    source = next(t for t in report.free_texts if (t.record_type, t.field) == (record_type, field))
    model = {"case": Case, "lgsco_case": LgscoCase, "learning": Learning}[record_type]
    model.objects.filter(pk=source.record_id).update(**{field: "Mrs Jones rang on 07700 900123."})
    findings = annual_report_build(year="2023-24", edition="published").findings
    assert {(f.source.record_id, f.kind) for f in findings} == {
        (source.record_id, "title_name"),
        (source.record_id, "phone"),
    }
    privacy_redact(
        actor=manager,
        record_type=record_type,
        record_id=source.record_id,
        field=field,
        text="The complainant rang.",
    )
    assert getattr(model.objects.get(pk=source.record_id), field) == "The complainant rang."
    assert annual_report_build(year="2023-24", edition="published").findings == ()
    assert AuditEvent.objects.filter(kind="report.privacy_redacted").count() == 1
    if service_kind:  # written through the record's own casework service
        assert AuditEvent.objects.filter(kind=service_kind, actor=manager).count() == 1
