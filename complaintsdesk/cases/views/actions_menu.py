"""Which actions a case page offers: the user must be allowed and the case must be in a state
where the action makes sense. The views check access again before acting. An anonymised case
offers only reading: its services refuse every change (cases/writable.py)."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from complaintsdesk.cases import access
from complaintsdesk.cases.selectors import CaseDetail, StageView
from complaintsdesk.core import vocabulary as v
from complaintsdesk.privacy.access import can_manage_privacy, can_view_privacy


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    secondary: bool = True


def _case(name: str, reference: str) -> str:
    return reverse(f"cases:{name}", args=[reference])


def _stage(name: str, reference: str, kind: str) -> str:
    return reverse(f"cases:{name}", args=[reference, kind])


def _read_only_actions(user: Any, detail: CaseDetail) -> list[Action]:
    case, ref = detail.case, detail.case.reference
    actions: list[Action] = []
    if access.can_download_document(user, case):
        actions.append(Action("Letters and emails", reverse("correspondence:list", args=[ref])))
    if access.can_view_case_audit(user, case):
        actions.append(Action("Audit trail", _case("audit", ref)))
    return actions


def case_actions(user: Any, detail: CaseDetail) -> list[Action]:
    case, ref = detail.case, detail.case.reference
    if case.anonymised_at is not None:
        return _read_only_actions(user, detail)
    actions: list[Action] = []
    if case.status == "awaiting_triage" and access.can_triage(user, case):
        actions.append(Action("Triage", _case("triage", ref), secondary=False))
    if detail.next_stage and access.can_escalate(user, case):
        actions.append(Action(f"Escalate to {v.STAGE[detail.next_stage]}", _case("escalate", ref)))
    if case.status == "awaiting_triage" and not detail.stages and access.can_close(user, case):
        actions.append(Action("Close without a stage", _case("close", ref)))
    if case.status == "closed" and not detail.stages and access.can_reopen_case(user, case):
        actions.append(Action("Reopen case", _case("reopen", ref)))
    if case.status != "closed" and access.can_reassign(user, case):
        actions.append(Action("Reassign", _case("reassign", ref)))
    if access.can_edit_case(user, case):
        actions.append(Action("Edit details", _case("edit", ref)))
    if access.can_restrict_case(user, case):
        actions.append(Action("Who can see this case", _case("restrict", ref)))
    if access.can_add_note(user, case):
        actions.append(Action("Add a note", _case("note", ref)))
    if access.can_add_child(user, case):
        actions.append(Action("Add a child", _case("child", ref)))
    if access.can_link(user, case):
        actions.append(Action("Link a case", _case("link", ref)))
    if access.can_upload_document(user, case):
        actions.append(Action("Upload a document", _case("document_upload", ref)))
    if access.can_download_document(user, case):
        # Letters and emails (correspondence app): readable by whoever reads the documents.
        letters = reverse("correspondence:list", args=[ref])
        actions.append(Action("Letters and emails", letters))
    if access.can_add_learning(user, case):
        actions.append(Action("Record learning", _case("learning_new", ref)))
    if access.can_manage_lgsco(user):
        actions.append(
            Action("Record an Ombudsman enquiry", f"{reverse('cases:lgsco_new')}?case={ref}")
        )
    if can_view_privacy(user) and case.anonymised_at is None:
        url = reverse("privacy:breach_new_for_case", args=[ref])
        actions.append(Action("Record a data breach", url))
    if can_manage_privacy(user) and case.anonymised_at is None:
        actions.append(Action("Set a legal hold", reverse("privacy:hold_case", args=[ref])))
    if access.can_view_case_audit(user, case):
        actions.append(Action("Audit trail", _case("audit", ref)))
    return actions


def stage_actions(user: Any, view: StageView, *, is_last: bool) -> list[Action]:
    stage, ref = view.stage, view.stage.case.reference
    kind = stage.kind
    actions: list[Action] = []
    if stage.case.anonymised_at is not None:
        return actions
    if stage.responded is None:
        if stage.acknowledged is None and access.can_acknowledge(user, stage):
            actions.append(Action("Acknowledge", _stage("acknowledge", ref, kind)))
        if access.can_respond(user, stage):
            actions.append(Action("Record response", _stage("respond", ref, kind), secondary=False))
        if view.extension_maximum is not None and access.can_extend(user, stage):
            actions.append(Action("Extend", _stage("extend", ref, kind)))
        if access.can_pause(user, stage):
            actions.append(Action("Pause the clock", _stage("pause", ref, kind)))
        if kind == "stage3" and access.can_record_panel(user, stage):
            actions.append(Action("Record panel date", _stage("panel", ref, kind)))
        if access.can_withdraw(user, stage):
            actions.append(Action("Withdraw", _stage("withdraw", ref, kind)))
    elif is_last and access.can_reopen(user, stage):
        actions.append(Action("Reopen stage", _stage("stage_reopen", ref, kind)))
    if kind in ("stage2", "stage3"):
        if access.can_appoint(user, stage):
            actions.append(Action("Appoint", _stage("appoint", ref, kind)))
        if access.can_record_costs(user, stage):
            actions.append(Action("Record costs", _stage("costs", ref, kind)))
    return actions
