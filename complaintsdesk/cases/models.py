"""The records of domain.md: organisation, cases, stages, Ombudsman cases, learning, compliments.

Writes go through `services.py`; reads through `selectors.py` and the access module.
"""

import uuid

from django.conf import settings
from django.db import models

from complaintsdesk.core import vocabulary as v


class Directorate(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    name = models.CharField(max_length=120, unique=True)
    # What the public form calls it ("Schools, transport and SEND" rather than the internal
    # "Children's Non-Social Care"); blank: the public form shows `name`.
    public_name = models.CharField(max_length=120, blank=True)
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, related_name="service_areas"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name_for_public(self) -> str:
        return self.public_name or self.name


class Team(models.Model):
    name = models.CharField(max_length=120)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teams")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["service_area", "name"], name="team_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    STATUS = {
        "awaiting_triage": "Awaiting triage",
        "open": "Open",
        "closed": "Closed",
    }

    reference = models.CharField(max_length=64, unique=True)
    procedure = models.CharField(max_length=32, choices=v.choices(v.PROCEDURE))
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    received = models.DateField()
    channel = models.CharField(max_length=16, blank=True, choices=v.choices(v.CHANNEL))
    complainant_type = models.CharField(
        max_length=32, blank=True, choices=v.choices(v.COMPLAINANT_TYPE)
    )
    via_advocate = models.BooleanField(null=True, blank=True)
    child_in_care = models.BooleanField(null=True, blank=True)
    care_leaver = models.BooleanField(null=True, blank=True)
    theme = models.CharField(max_length=32, blank=True, choices=v.choices(v.THEME))
    summary = models.TextField(blank=True)
    desired_outcome = models.TextField(blank=True)
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_cases"
    )
    linked = models.ManyToManyField("self", blank=True, symmetrical=True)
    equality_form_sent = models.DateField(null=True, blank=True)
    events_date = models.DateField(
        null=True, blank=True, help_text="When the events complained about happened"
    )

    # The complainant: personal data, never exported to a published report.
    complainant_name = models.CharField(max_length=200, blank=True)
    complainant_email = models.EmailField(blank=True)
    complainant_phone = models.CharField(max_length=40, blank=True)
    complainant_address = models.TextField(blank=True)
    relationship_to_child = models.CharField(max_length=120, blank=True)
    consent_to_act = models.BooleanField(null=True, blank=True)
    advocacy_service = models.CharField(max_length=200, blank=True)

    # Maintained by the services from the stages, so lists filter and sort in one query.
    status = models.CharField(
        max_length=16, choices=list(STATUS.items()), default="open", db_index=True
    )
    current_stage = models.CharField(max_length=16, blank=True, choices=v.choices(v.STAGE))
    current_due = models.DateField(null=True, blank=True, db_index=True)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
    )
    # The manager in the service who answers the complaint (a member of the case's team).
    responding_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responding_cases",
    )
    # How the case reached the system (`channel` is how the complainant chose to write).
    received_via = models.CharField(
        max_length=16, choices=v.choices(v.RECEIVED_VIA), default="staff"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the case joins the triage queue (status "awaiting_triage"), by whichever channel;
    # `triaged_at` when someone decides its procedure, team and first stage.
    triage_since = models.DateTimeField(null=True, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: a save names the version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by `privacy` when retention or erasure removed the case's personal data: the
    # fields the figures read are kept, so every statistic survives (docs/data-protection.md).
    anonymised_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-received", "-id"]
        indexes = [
            models.Index(fields=["service_area", "received"]),
            models.Index(fields=["status", "current_due"]),
            # The case list's default order, so a page is read from the index, not sorted.
            models.Index(fields=["-received", "-id"], name="case_newest_first"),
            models.Index(fields=["equality_form_sent"], name="case_equality_form_sent"),
            # Visibility tests `restricted` on every row: counts read these indexes alone.
            models.Index(fields=["restricted"], name="case_restricted"),
            models.Index(fields=["status", "restricted"], name="case_status_restricted"),
            models.Index(fields=["status", "triage_since"], name="case_triage_queue"),
            models.Index(fields=["owner", "status"], name="case_owner_status"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def directorate(self) -> Directorate:
        return self.service_area.directorate


class Child(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    in_care = models.BooleanField(default=False)
    care_leaver = models.BooleanField(default=False)
    case_system_id = models.CharField(max_length=64, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Child on {self.case_id}"


class CasePerson(models.Model):
    """A person's part in a case: one row per role they play on it."""

    ROLES = {
        "complainant": "Complainant",
        "child": "Child",
        "advocate": "Advocate",
        "representative": "Representative",
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="person_links")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField(max_length=16, choices=list(ROLES.items()))

    class Meta:
        ordering = ["case_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="case_person_role_once")
        ]
        indexes = [models.Index(fields=["person", "case"])]

    def __str__(self) -> str:
        return f"{self.role} on case {self.case_id}"


class Stage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=16, choices=v.choices(v.STAGE))
    started = models.DateField()
    acknowledged = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    panel_held = models.DateField(null=True, blank=True)
    responded = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, blank=True, choices=v.choices(v.OUTCOME))
    investigating_officer_cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    independent_person_cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    additional_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # Why the complainant escalated to this stage (a code, reported) and their words (personal).
    escalation_reason = models.CharField(
        max_length=32, blank=True, choices=v.choices(v.ESCALATION_REASON)
    )
    escalation_details = models.TextField(blank=True)
    # The children's stage 1 clock paused while an advocate is arranged: both days included,
    # the working days between them added to the due date (workflow.rules.PAUSABLE).
    paused_from = models.DateField(null=True, blank=True)
    paused_to = models.DateField(null=True, blank=True)
    pause_reason = models.TextField(blank=True)
    # Computed by the deadline engine whenever the stage, the rules or the calendar change.
    due = models.DateField(null=True, blank=True)
    working_days_taken = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "started", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="one_stage_of_each_kind")
        ]
        indexes = [
            models.Index(fields=["kind", "started"]),
            models.Index(fields=["kind", "responded"]),
            # open_overdue's flows are placed by the latest of started, due and responded.
            models.Index(fields=["kind", "due"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Appointment(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="appointments")
    role = models.CharField(max_length=32, choices=v.choices(v.APPOINTMENT_ROLE))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    name = models.CharField(max_length=200, blank=True)
    appointed = models.DateField()

    def __str__(self) -> str:
        return f"{self.role} on stage {self.stage_id}"


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Note {self.pk} on case {self.case_id}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    # The name shown to people; the stored file has a generated name of its own.
    title = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.title


class LgscoCase(models.Model):
    lgsco_reference = models.CharField(max_length=32, unique=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="lgsco_cases"
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="lgsco_cases"
    )
    received = models.DateField()
    decided = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=40, blank=True, choices=v.choices(v.LGSCO_DECISION))
    remedy_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    remedy_ongoing = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    compliance_due = models.DateField(null=True, blank=True)
    complied = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received", "lgsco_reference"]
        indexes = [models.Index(fields=["decided"]), models.Index(fields=["received"])]

    def __str__(self) -> str:
        return self.lgsco_reference


def recommendation_key() -> str:
    """A new recommendation's exchange id."""
    return f"R-{uuid.uuid4().hex[:12]}"


class LgscoRecommendation(models.Model):
    """One recommendation of an Ombudsman decision, tracked to compliance as the Ombudsman
    tracks it (ADR 0012); the case's `recommendations` text keeps the Ombudsman's words."""

    key = models.CharField(
        max_length=64, unique=True, default=recommendation_key, help_text="The exchange format's id"
    )
    lgsco_case = models.ForeignKey(
        LgscoCase, on_delete=models.CASCADE, related_name="recommendation_records"
    )
    kind = models.CharField(max_length=32, choices=v.choices(v.LGSCO_RECOMMENDATION))
    description = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    due = models.DateField()
    complied = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    remedy_paid = models.DateField(null=True, blank=True, help_text="When the payment was made")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            # My work: the outstanding ones by due date.
            models.Index(fields=["complied", "due"], name="lgsco_rec_outstanding"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.pk} on {self.lgsco_case_id}"


class Learning(models.Model):
    key = models.CharField(max_length=64, unique=True, help_text="The exchange format's id")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="learnings"
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="learnings"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="learnings"
    )
    recorded = models.DateField(db_index=True)
    learning = models.TextField()
    action = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=v.choices(v.LEARNING_STATUS))
    owner = models.CharField(max_length=200, blank=True)
    due = models.DateField(null=True, blank=True)
    completed = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded", "key"]

    def __str__(self) -> str:
        return self.key


class Compliment(models.Model):
    key = models.CharField(max_length=64, unique=True, help_text="The exchange format's id")
    received = models.DateField(db_index=True)
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="compliments"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # compare-and-set: no lost updates

    class Meta:
        ordering = ["-received", "key"]

    def __str__(self) -> str:
        return self.key


class EqualityResponse(models.Model):
    """Anonymous: no link to a case or a person, ever. Counted only in aggregate."""

    key = models.CharField(max_length=64, unique=True, help_text="The exchange format's id")
    received = models.DateField(db_index=True)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gender = models.CharField(max_length=40, blank=True, choices=v.choices(v.GENDER))
    sexuality = models.CharField(max_length=40, blank=True, choices=v.choices(v.SEXUALITY))
    age_band = models.CharField(max_length=16, blank=True, choices=v.choices(v.AGE_BAND))
    religion = models.CharField(max_length=32, blank=True, choices=v.choices(v.RELIGION))
    ethnicity = models.CharField(max_length=48, blank=True, choices=v.choices(v.ETHNICITY))
    # `;`-list of DISABILITY codes, in the order given.
    disability = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.key


class FeedbackResponse(models.Model):
    """Anonymous survey on how a complaint was handled: no link to a case or a person."""

    received = models.DateField(db_index=True)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Feedback {self.pk}"


class DataBreach(models.Model):
    """The breach log: written by `privacy.services_breach`, never in a published report.

    The council has 72 hours from becoming aware of a breach to report it to the ICO, unless
    it is unlikely to risk people's rights and freedoms (UK GDPR art. 33): the decision
    either way is recorded with its reason.
    """

    DECISIONS = {
        "report": "Report to the ICO",
        "not_report": "Not reportable: unlikely to risk people's rights",
    }

    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="data_breaches"
    )
    occurred = models.DateField()
    description = models.TextField()
    reported_to_data_protection = models.DateField(null=True, blank=True)
    # When the council became aware: the 72-hour clock starts here.
    aware_at = models.DateTimeField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=16, blank=True, choices=list(DECISIONS.items()))
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reported_to_ico = models.DateField(null=True, blank=True)
    ico_reference = models.CharField(max_length=64, blank=True)
    outcome = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred", "-id"]

    def __str__(self) -> str:
        return f"Data breach {self.pk}"


class ReferenceSequence(models.Model):
    """The next number for new case references (COM/1234): one row per prefix, locked to add one."""

    prefix = models.CharField(max_length=16, unique=True)
    next_value = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.prefix
