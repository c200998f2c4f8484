"""Reads: the templates in force, a case's merge values, and its correspondence."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from complaintsdesk.cases.models import Case, Stage
from complaintsdesk.core import vocabulary as v
from complaintsdesk.correspondence.models import LETTER_KINDS, Correspondence, LetterTemplate
from complaintsdesk.correspondence.shipped import SHIPPED
from complaintsdesk.deadlines.selectors import (
    calendar_current,
    non_working_day_names,
    rulesets_current,
)
from complaintsdesk.workflow import explain, rules
from complaintsdesk.workflow.rules import format_date

STAGE_ORDER = ("informal", "stage1", "stage2", "stage3")


@dataclass(frozen=True)
class TemplateText:
    kind: str
    name: str
    subject: str
    body: str
    stored: LetterTemplate | None  # None: the shipped wording

    @property
    def version(self) -> int:
        return self.stored.version if self.stored else 0


def letter_templates() -> list[TemplateText]:
    """Every kind of letter with the wording in force: the council's, else the shipped one."""
    stored = {t.kind: t for t in LetterTemplate.objects.all()}
    found = []
    for kind, name in LETTER_KINDS.items():
        saved = stored.get(kind)
        subject, body = (saved.subject, saved.body) if saved else SHIPPED[kind]
        found.append(TemplateText(kind, name, subject, body, saved))
    return found


def letter_template(kind: str) -> TemplateText | None:
    return next((t for t in letter_templates() if t.kind == kind), None)


def _when(d: date | None) -> str:
    return format_date(d) if d else ""


def _current_stage(case: Case) -> Stage | None:
    stages = sorted(case.stages.all(), key=lambda s: STAGE_ORDER.index(s.kind))
    return stages[-1] if stages else None


def merge_values(*, case: Case, actor: Any, today: date) -> dict[str, str]:
    """The merge fields' values for a case today; due dates as the deadline engine holds them."""
    stage = _current_stage(case)
    values: dict[str, str] = {
        "council": str(settings.COMPLAINTSDESK.get("COUNCIL_NAME", "The council")),
        "today": format_date(today),
        "reference": case.reference,
        "complainant_name": case.complainant_name or "Sir or Madam",
        "complainant_address": case.complainant_address,
        "received": format_date(case.received),
        "service_area": case.service_area.name,
        "officer": (actor.get_full_name() or actor.get_username()) if actor else "",
    }
    lgsco = case.lgsco_cases.order_by("-received").first()
    values["ombudsman_reference"] = lgsco.lgsco_reference if lgsco else ""
    if stage is None:
        return values
    calendar = calendar_current()
    ruleset = rules.ruleset_for(stage.started, rulesets_current())
    common: dict[str, Any] = dict(
        procedure=case.procedure, stage=stage.kind, started=stage.started, calendar=calendar,
        ruleset=ruleset,
    )  # fmt: skip
    # The due date before any extension: an extension letter says "we said X, now Y".
    unextended = rules.stage_due(
        acknowledged=stage.acknowledged,
        panel_held=stage.panel_held,
        paused_from=stage.paused_from,
        paused_to=stage.paused_to,
        **common,
    )
    next_kind = rules.next_stage(case.procedure, stage.kind)
    values.update(
        stage=v.STAGE[stage.kind],
        stage_started=format_date(stage.started),
        due_date=_when(unextended if stage.extended_to else stage.due),
        acknowledgement_due=_when(rules.acknowledgement_due(**common)),
        extended_to=_when(stage.extended_to),
        extension_reason=stage.extension_reason,
        outcome=v.OUTCOME.get(stage.outcome, ""),
        responded=_when(stage.responded),
        next_stage=v.STAGE[next_kind]
        if next_kind
        else "the Local Government and Social Care Ombudsman",
    )
    if stage.due:
        values["why_due"] = explain.due_explanation(
            due=stage.due,
            acknowledged=stage.acknowledged,
            panel_held=stage.panel_held,
            extended_to=stage.extended_to,
            paused_from=stage.paused_from,
            paused_to=stage.paused_to,
            names=non_working_day_names(),
            **common,
        )
    return values


def correspondence_for_case(*, case: Case) -> list[Correspondence]:
    return list(
        case.correspondence.select_related("by")
        .prefetch_related("documents")
        .order_by("-at", "-id")
    )


def correspondence_get(*, case: Case, pk: int) -> Correspondence | None:
    """One letter or email of `case` (already fetched through the case access check)."""
    return (
        case.correspondence.select_related("by").prefetch_related("documents").filter(pk=pk).first()
    )


def correspondence_timeline_entries(case: Case) -> list[tuple[datetime, str, str, str]]:
    """(when, kind, summary, link) for each letter and email on the case, for its timeline.

    `kind` is "letter.sent" or "email.received" and the like; the summary names the kind of
    letter and how it went, and the subject of an email that arrived.
    """
    entries = []
    for item in case.correspondence.order_by("at", "id"):
        link = reverse("correspondence:detail", args=[case.reference, item.pk])
        if item.direction == "out":
            name = LETTER_KINDS.get(item.kind, "Letter")
            kind = "email.sent" if item.via == "email" else "letter.sent"
            summary = f"{name} ({item.get_via_display()})"
        else:
            kind = "email.received"
            summary = f"Email received: {item.subject or '(no subject)'}"
        entries.append((item.at, kind, summary, link))
    return entries
