"""The personal-data checker, table-driven: what it must find and what it must leave alone."""

import pytest

from complaintsdesk.reporting.privacy import given_names, redact, text_findings

FOUND = [
    ("Although CHAD services acted to ensure Keira's immediate safety", "name", "Keira"),
    ("Oliver was not seen by a social worker for six weeks", "name", "Oliver"),
    ("the advice given to Aisha and her brother", "name", "Aisha"),
    ("Mrs Smith said the plan was not followed", "title_name", "Mrs Smith"),
    ("a letter from Mr O'Brien", "title_name", "Mr O'Brien"),
    ("Dr Patel reviewed the plan", "title_name", "Dr Patel"),
    ("Grace's mother asked for a review", "name", "Grace"),
    ("the child (born on 12/03/2015) moved school", "date_of_birth", "born on 12/03/2015"),
    ("DOB: 3 March 2012", "date_of_birth", "DOB: 3 March 2012"),
    ("date of birth 01.09.2010", "date_of_birth", "date of birth 01.09.2010"),
    ("the family moved to DT1 1XJ last year", "postcode", "DT1 1XJ"),
    ("visits at SW1A 2AA were missed", "postcode", "SW1A 2AA"),
    ("she lives at 14 Acacia Avenue with her aunt", "address", "14 Acacia Avenue"),
    ("call her on 07700 900123 after school", "phone", "07700 900123"),
    ("the office number 01305 221000 was wrong", "phone", "01305 221000"),
    ("ring +44 7700 900 123", "phone", "+44 7700 900 123"),
    ("emails to jo.bloggs@example.com went unanswered", "email", "jo.bloggs@example.com"),
    ("the record CSC123456 was updated", "case_system_id", "CSC123456"),
    ("Mosaic id LCS-0012345 shows", "case_system_id", "LCS-0012345"),
    ("NHS number 943 476 5919 was on the form", "nhs_number", "943 476 5919"),
    ("NI number AB 12 34 56 C", "ni_number", "AB 12 34 56 C"),
    ("Mrs McDonald-Smith said", "title_name", "Mrs McDonald-Smith"),
]

NOT_FOUND = [
    "Children's Services",
    "Section 19 of the Education Act 1996",
    "Education, Health and Care Plan",
    "Monday",
    "The meeting on Monday 4 March 2024 was cancelled",
    "By 29 June 2023 the Council will apologise",
    "Miss X complained that the Council failed to provide her son Y with education",
    "Mrs A complained about the failure to provide her son, S, with education",
    "LGSCO 22006903 £500",
    "COM/4822 CWAD stage 2",
    "how to apply the Dudley test for pupils",
    "ChAD paperwork should have been provided",
    "All KiT workers have received a briefing",
    "Will try to ensure communication is delivered in a timelier manner",
    "May 2023 review of the Special Educational Needs and Disabilities code of practice",
    "Pay Miss X £1700 for the benefit of C's education",
    "The Council has agreed to apologise and pay £1,400 within one month",
    "Parent was unhappy with the Social Worker's approach",
    "Local Government and Social Care Ombudsman",
    "Christian denominations and None/no religion",
    "24 weeks and 3 days, 15 weeks in total",
]


@pytest.mark.parametrize(("text", "kind", "found"), FOUND)
def test_finds_personal_data(text, kind, found):
    findings = text_findings(text)
    assert (kind, found) in [(f.kind, f.text) for f in findings]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_leaves_ordinary_text_alone(text):
    assert text_findings(text) == []


def test_the_name_list_is_large_and_clean():
    names = given_names()
    assert len(names) >= 500
    assert all(n[0].isupper() and n[1:].islower() for n in names)
    assert "Keira" in names and "Monday" not in names


def test_redact_replaces_each_finding():
    text = "Although CHAD services acted to ensure Keira's safety, call 07700 900123."
    assert (
        redact(text, text_findings(text))
        == "Although CHAD services acted to ensure [name]'s safety, call [phone number]."
    )


def test_finding_key_ignores_spacing_and_case_but_not_kind():
    a, b = text_findings("Keira went home"), text_findings("then KEIRA")
    assert a[0].key != "" and text_findings("Keira")[0].key == a[0].key
    assert b == []  # capitals only: "KEIRA" is not in the list's form
