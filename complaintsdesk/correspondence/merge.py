"""Merge fields in letter templates. PURE: no Django.

A template writes `{{ field }}`; only the fields below exist, so a template can show a case's
details but can reach nothing else (no attribute lookups, no code). An unknown field is an
error when the template is saved, naming the fields there are.
"""

from __future__ import annotations

import re

# field -> what it holds, shown to the complaints manager beside the template.
MERGE_FIELDS: dict[str, str] = {
    "council": "The council's name",
    "today": "Today's date",
    "reference": "The case reference",
    "complainant_name": "The complainant's name",
    "complainant_address": "The complainant's postal address",
    "received": "The date the complaint was received",
    "service_area": "The service complained about",
    "stage": "The current stage (for example Stage 1)",
    "stage_started": "The date the current stage started",
    "due_date": "The date the response is due (from the deadline engine)",
    "why_due": "How the due date was worked out",
    "acknowledgement_due": "The date the acknowledgement is due",
    "extended_to": "The date an extension was agreed to",
    "extension_reason": "The reason for the extension",
    "outcome": "The outcome of the current stage",
    "responded": "The date of the response",
    "next_stage": "The next stage the complainant may ask for",
    "ombudsman_reference": "The Ombudsman's reference",
    "officer": "The name of the person writing",
}

_FIELD = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def merge_unknown(text: str) -> list[str]:
    """The field names a template uses that do not exist, in order of first use."""
    return list(dict.fromkeys(m for m in _FIELD.findall(text) if m not in MERGE_FIELDS))


def merge_render(text: str, values: dict[str, str]) -> str:
    """The template with each field replaced by its value ("" when the case has none)."""
    return _FIELD.sub(lambda m: values.get(m.group(1), ""), text)
