"""Where each field of the figures engine's rows (`rows.py`) lives in the ORM: one path per
row field, in the row type's field order, so a `values_list` tuple is a row."""

from __future__ import annotations

STAGE_FIELDS = (
    "id",
    "case__reference",
    "case__procedure",
    "case__service_area__name",
    "case__service_area__directorate__name",
    "case__complainant_type",
    "case__child_in_care",
    "case__via_advocate",
    "case__theme",
    "kind",
    "started",
    "responded",
    "outcome",
    "due",
    "working_days_taken",
    "investigating_officer_cost",
    "independent_person_cost",
    "additional_cost",
)
COMPLIMENT_FIELDS = (
    "id",
    "key",
    "received",
    "service_area__name",
    "service_area__directorate__name",
)
LGSCO_FIELDS = (
    "id",
    "lgsco_reference",
    "case__reference",
    "case__procedure",
    "service_area__name",
    "service_area__directorate__name",
    "received",
    "decided",
    "decision",
    "remedy_amount",
    "remedy_ongoing",
)
LEARNING_FIELDS = (
    "id",
    "key",
    "case__reference",
    "case__procedure",
    "service_area__name",
    "service_area__directorate__name",
    "recorded",
    "status",
)
EQUALITY_FIELDS = (
    "id",
    "received",
    "directorate__name",
    "gender",
    "sexuality",
    "age_band",
    "religion",
    "ethnicity",
    "disability",
)
CASE_FIELDS = (
    "id",
    "reference",
    "procedure",
    "service_area__name",
    "service_area__directorate__name",
    "equality_form_sent",
)
