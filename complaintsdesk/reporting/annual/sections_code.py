"""The sections of the Complaint Handling Code's annual report: the self-assessment against
the Code, and the Ombudsman's remedies tracked to compliance.

Like `sections_records`, each builder takes the report's `Figures` (year, scope, edition)
and returns `(tables, free texts)`; every free text printed is handed back for the
published edition's personal-data check. The counts here are not the figures engine's, so
the published edition's small-number rule is applied here, the engine's way: a count from
1 to threshold - 1 is withheld, and so is a count whose complement in its total is that
small, and a percentage of fewer than the minimum denominator; each prints the report's one
mark for a withheld figure, its reason on the cell's title.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from complaintsdesk.cases.models import LgscoRecommendation
from complaintsdesk.codecompliance.evidence import Figure
from complaintsdesk.codecompliance.provisions import COMPLIANCE
from complaintsdesk.codecompliance.selectors import self_assessment_get
from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.annual.cells import DASH, cell, money_text, text
from complaintsdesk.reporting.annual.model import Cell, FreeText, Row, Table
from complaintsdesk.reporting.annual.source import Figures
from complaintsdesk.reporting.figures import COUNCIL
from complaintsdesk.workflow.rules import format_date


def _areas(f: Figures) -> list[str] | None:
    """None for the whole council; otherwise the names of the service areas in scope."""
    if not f.scope.service_area and not f.scope.directorate:
        return None
    return list(f.scope.service_areas)


def _counts(f: Figures, count: int, of: int | None) -> tuple[Cell, Cell, Cell]:
    """Number, total and percentage cells, with the published edition's small-number rule."""
    config: dict[str, Any] = settings.COMPLAINTSDESK
    threshold = int(config["SUPPRESSION_THRESHOLD"])
    min_den = int(config["PERCENT_MIN_DENOMINATOR"])
    published = f.edition == "published"

    def small(n: int) -> bool:
        return published and 0 < n < threshold

    # The markers go through `cell`, so every withheld figure prints the one mark.
    number = cell(count)
    if small(count):
        number = cell(f"<{threshold}")
    elif of is not None and small(of - count):
        number = cell("[c]")  # else "of - count" gives away a small number
    if of is None:
        return number, text(""), text("")
    total = cell(f"<{threshold}") if small(of) else cell(of)
    if not of:
        pct = Cell(DASH, None, "pct")
    elif published and of < min_den:
        pct = cell("[low]")
    elif number.value is None:
        pct = cell("[c]")
    else:
        pct = cell({"pct": round(100 * count / of), "num": count, "den": of})
    return number, total, pct


def _evidence_row(f: Figures, figure: Figure) -> Row:
    number, total, pct = _counts(f, figure.count, figure.of)
    if not figure.rate:
        pct = text("")
    return Row(figure.key, figure.label, (number, total, pct, text(figure.detail)))


def self_assessment(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """Each provision of the Code with the council's answer, the evidence the records give,
    and where the figures contradict an answer."""
    assessment = self_assessment_get(
        year=f.year, today=timezone.localdate(), service_areas=_areas(f)
    )
    rows, texts = [], []
    for p in assessment.provisions:
        answer = p.answer
        if answer is None:
            cells = (text("Not answered"), text(""), text(""))
        else:
            cells = (
                text(COMPLIANCE[answer.compliance]),
                text(answer.explanation),
                text(answer.evidence),
            )
            label = f"Self-assessment {f.year.label}, provision {p.provision.ref}"
            for name in ("explanation", "evidence"):
                texts.append(
                    FreeText(
                        "self_assessment",
                        str(answer.pk),
                        name,
                        f"{label} ({name})",
                        getattr(answer, name),
                    )
                )
        rows.append(Row(p.provision.ref, f"{p.provision.ref} {p.provision.text}", cells))
    tables = [
        Table(
            "code.provisions",
            f"Self-assessment against the Complaint Handling Code, {f.year.label}",
            "Provision",
            ("Compliance", "Explanation", "Evidence"),
            tuple(rows),
        ),
        Table(
            "code.evidence",
            f"What the records show for {f.year.label}: corporate complaints against the "
            "Code's timescales",
            "Figure",
            ("Number", "Of", "Per cent", "Notes"),
            tuple(_evidence_row(f, figure) for figure in assessment.figures.values()),
        ),
    ]
    flagged = assessment.flagged
    if flagged:
        tables.append(
            Table(
                "code.contradicted",
                "Answers the records contradict",
                "Provision",
                ("Answer", "What the records show"),
                tuple(
                    Row(
                        p.provision.ref,
                        p.provision.ref,
                        (text("Yes"), text(" ".join(p.flags))),
                    )
                    for p in flagged
                ),
            )
        )
    return tuple(tables), texts


def lgsco_remedies(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """The recommendations of the Ombudsman decisions made in the year: by type, and each
    one with its due date, compliance and payment (the latest REPORT_LIST_LIMIT)."""
    qs = LgscoRecommendation.objects.filter(
        lgsco_case__decided__range=(f.year.start, f.year.end)
    ).select_related("lgsco_case")
    areas = _areas(f)
    if areas is not None:
        qs = qs.filter(lgsco_case__service_area__name__in=areas)
    recommendations = list(qs.order_by("due", "id"))
    by_kind: dict[str, list[LgscoRecommendation]] = defaultdict(list)
    for r in recommendations:
        by_kind[r.kind].append(r)

    def summary_row(key: str, label: str, recs: list[LgscoRecommendation]) -> Row:
        complied = [r for r in recs if r.complied is not None]
        on_time = sum(1 for r in complied if r.complied is not None and r.complied <= r.due)
        amount = sum((r.amount or Decimal(0) for r in recs), Decimal(0))
        paid = sum((r.amount or Decimal(0) for r in recs if r.remedy_paid), Decimal(0))
        number, _, _ = _counts(f, len(recs), None)
        done, _, done_pct = _counts(f, len(complied), len(recs))
        timely, _, timely_pct = _counts(f, on_time, len(complied))
        return Row(
            key,
            label,
            (
                number,
                done,
                done_pct,
                timely,
                timely_pct,
                cell(str(amount), money=True) if amount else text(DASH),
                cell(str(paid), money=True) if paid else text(DASH),
            ),
        )

    summary = tuple(
        summary_row(kind, label, by_kind[kind])
        for kind, label in v.LGSCO_RECOMMENDATION.items()
        if by_kind.get(kind)
    )
    tables = [
        Table(
            "remedies.by_type",
            f"Ombudsman recommendations from decisions in {f.year.label}, by type",
            "Type",
            (
                "Recommendations",
                "Complied with",
                "Per cent",
                "By the due date",
                "Per cent",
                "Financial remedies",
                "Paid",
            ),
            summary,
            total=summary_row(COUNCIL, "All recommendations", recommendations)
            if recommendations
            else None,
        )
    ]
    limit = settings.REPORT_LIST_LIMIT
    listed = recommendations[-limit:]
    rows, texts = [], []
    for r in listed:
        rows.append(
            Row(
                str(r.pk),
                r.lgsco_case.lgsco_reference,
                (
                    text(v.LGSCO_RECOMMENDATION.get(r.kind, "")),
                    text(r.description),
                    text(money_text(r.amount)) if r.amount is not None else text(DASH),
                    text(format_date(r.due)),
                    text(format_date(r.complied) if r.complied else "Not yet"),
                    text(format_date(r.remedy_paid) if r.remedy_paid else DASH),
                ),
            )
        )
        texts.append(
            FreeText(
                "lgsco_recommendation",
                str(r.pk),
                "description",
                f"Ombudsman case {r.lgsco_case.lgsco_reference} (recommendation)",
                r.description,
            )
        )
    caption = f"Each recommendation from decisions in {f.year.label}"
    if len(listed) < len(recommendations):
        caption += f": the latest {len(listed):,} of {len(recommendations):,}"
    tables.append(
        Table(
            "remedies.each",
            caption,
            "Ombudsman reference",
            ("Type", "Recommendation", "Amount", "Due", "Complied", "Paid"),
            tuple(rows),
        )
    )
    return tuple(tables), texts
