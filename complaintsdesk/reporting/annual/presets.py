"""The three annual reports a council publishes, as presets of one report engine.

A preset names its scope (which service areas), its focus (whose figures the breakdowns
are of: a procedure, or the whole scope) and its sections in order. Every preset reads the
same figures (`source.Figures`) and renders in every format and edition.

- children: the children's statutory report (Children Act 1989 Representations Procedure
  (England) Regulations 2006, and the seed report's sections), over the children's
  directorate, its breakdowns of the statutory procedure's complaints;
- adults: the adult social care report of the Local Authority Social Services and NHS
  Complaints (England) Regulations 2009, regulation 18, over the adults' procedure;
- code: the annual complaints performance and service improvement report of the
  Ombudsman's Complaint Handling Code, over the corporate procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# Sections whose figures are words only (the manager's narrative, the drafted sentences).
WORDS_ONLY = frozenset({"key_messages", "general_importance"})


@dataclass(frozen=True)
class Preset:
    key: str
    title: str  # "Children's social care complaints annual report"
    short: str  # for the reports page and the CLI's help
    law: str  # what the report is made under, printed on its cover
    directorate_setting: str | None  # COMPLAINTSDESK key naming the default directorate
    focus_procedure: str | None  # whose figures the breakdowns are of; None: the whole scope
    sections: tuple[str, ...]

    def directorate(self) -> str | None:
        if self.directorate_setting is None:
            return None
        return str(settings.COMPLAINTSDESK.get(self.directorate_setting, "")) or None


PRESETS: dict[str, Preset] = {
    "children": Preset(
        key="children",
        title="Children's services complaints annual report",
        short="Children's statutory report (2006 Regulations)",
        law=(
            "Made under the Children Act 1989 Representations Procedure (England) "
            "Regulations 2006, regulation 13(3)."
        ),
        directorate_setting="CHILDREN_DIRECTORATE",
        focus_procedure="children_statutory",
        sections=(
            "key_messages",
            "dashboard",
            "summary",
            "stage23",
            "lgsco",
            "who",
            "cic",
            "timeliness",
            "learning",
            "effectiveness",
            "equality",
            "compliments",
            "appendix_lgsco",
        ),
    ),
    "adults": Preset(
        key="adults",
        title="Adult social care complaints annual report",
        short="Adults' statutory report (2009 Regulations, regulation 18)",
        law=(
            "Made under the Local Authority Social Services and National Health Service "
            "Complaints (England) Regulations 2009, regulation 18."
        ),
        directorate_setting="ADULTS_DIRECTORATE",
        focus_procedure="adults_statutory",
        sections=(
            "key_messages",
            "adults_received",
            "adults_subjects",
            "timeliness",
            "general_importance",
            "action_taken",
            "effectiveness",
            "compliments",
            "appendix_lgsco",
        ),
    ),
    "code": Preset(
        key="code",
        title="Annual complaints performance and service improvement report",
        short="Complaint Handling Code annual report and self-assessment",
        law=(
            "Made under the Local Government and Social Care Ombudsman's Complaint Handling "
            "Code, for the council's governing body, with the self-assessment against the Code."
        ),
        directorate_setting=None,
        focus_procedure="corporate",
        sections=(
            "key_messages",
            "code_performance",
            "self_assessment",
            "lgsco",
            "lgsco_remedies",
            "learning",
            "effectiveness",
            "compliments",
            "appendix_lgsco",
        ),
    ),
}
DEFAULT_PRESET = "children"


def preset_get(key: str | None) -> Preset:
    """The preset called `key` (the children's report when none is named)."""
    key = key or DEFAULT_PRESET
    if key not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}, not {key!r}")
    return PRESETS[key]
