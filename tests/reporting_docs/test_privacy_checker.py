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
    ("the child (born on 12/03/2015) moved school", "date_of_birth", "12/03/2015"),
    ("DOB: 3 March 2012", "date_of_birth", "3 March 2012"),
    ("date of birth 01.09.2010", "date_of_birth", "01.09.2010"),
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
    # Dates of events, and numbers that are the council's, not a person's.
    "Ofsted, 12/03/2024, rated the home Good",
    "The panel (12/03/2024) upheld two complaints",
    "Eclipse ID 2024 rollout was delayed",
    "Families can call Dorset Direct on 01305 221000 for general enquiries",
    "Policy reference SG-000123 covers escalation",
    # Names inside the names of places, schools and charities; the Ombudsman's letters.
    "Pupils at St Mary's Primary School took part",
    "Julia's House hospice provides short breaks",
    "The meeting in Milton Abbas was cancelled",
    "Mr Y's son, Z, was offered a place",
    "The panel met on MS Teams",
    "mr and mrs b were told about the delay",
    "a 10 minute drive to school each way",
    # Names that are everyday words stay words in lower case.
    "that summer had been difficult for the whole team",
    "the will was read to the family",
    # A team's mailbox, a place made of a name and a place word, a gurdwara, a committee paper.
    "Write to complaints@example.gov.uk or childrens.services@example.gov.uk",
    "Rose Hill and Holly Bank schools joined the scheme",
    "The Summer Fair raised £500 for the care leavers' fund",
    "The Sri Guru Singh Sabha hosted a fostering information evening",
    "The Ms de facto approach was discussed",
    "The paper to the Scrutiny Committee is reference SC/2024/117",
    "Mosaic was 10 000 records lighter after the cleanse",
    "The Summer Term felt long for the new starters",
]


# The wordings the hardening review found published unflagged (issue 9), and their kin.
MISSED_BEFORE = [
    ("the panel heard that keira had not been seen", "name", "keira"),
    ("KEIRA WAS NOT SEEN FOR SIX WEEKS", "name", "KEIRA"),
    ("a letter to mrs smith-jones was not sent", "title_name", "mrs smith-jones"),
    ("her date of birth, April 3, 2012, was wrong", "date_of_birth", "April 3, 2012"),
    ("the child was born on the 3rd of April 2012", "date_of_birth", "3rd of April 2012"),
    ("the young person, born in April 2012, moved", "date_of_birth", "April 2012"),
    ("the family at Flat 2, 7 Marsh Fields, dt4 7aa", "address", "Flat 2, 7 Marsh Fields"),
    ("the family at Flat 2, 7 Marsh Fields, dt4 7aa", "postcode", "dt4 7aa"),
    ("to ensure Ke\u200bira's safety", "name", "Ke\u200bira"),
    ("to ensure Кеіra's safety", "name", "Кеіra"),
    (
        "call her on \uff10\uff17\uff17\uff10\uff10 900123",
        "phone",
        "\uff10\uff17\uff17\uff10\uff10 900123",
    ),
    ("Mosaic ID 1234567 was not updated", "case_system_id", "1234567"),
    ("the LCS no. 123456 record", "case_system_id", "123456"),
    ("the EHM-12345 episode was closed", "case_system_id", "EHM-12345"),
    ("NHS number 9434765919 was on the form", "nhs_number", "9434765919"),
    ("ring 01632 960123 or (020) 7946 0018", "phone", "(020) 7946 0018"),
    ("Keira, 03/04/2012, was moved to foster care", "date_of_birth", "03/04/2012"),
    ("the boy, aged 11 (3.4.12), was excluded", "date_of_birth", "3.4.12"),
    ("Year of birth: 2011 was on the form", "date_of_birth", "2011"),
    ("Mosaic ID 4821 was wrong", "case_system_id", "4821"),
    ("the panel heard that jack had not been seen", "name", "jack"),
    ("the smith-jones family were not told", "name", "smith-jones"),
    ("Under the policy, the record CSC123456 was updated", "case_system_id", "CSC123456"),
    ("call 0117\u2011496\u20110123", "phone", "0117\u2011496\u20110123"),
]

# Classes the held-out corpus (privacy_corpus_holdout.tsv) found missed, in other wordings.
MISSED_IN_HOLDOUT = [
    ("the notes were signed by A. K. Sharma", "name", "A. K. Sharma"),
    ("a complaint from Grace Hussain about transport", "name", "Grace Hussain"),
    ("the letter to tajinder kaur was late", "name", "tajinder kaur"),
    ("Mr van der Berg asked for the notes", "title_name", "Mr van der Berg"),
    ("mum wrote from mo.ali at example dot co dot uk", "email", "mo.ali at example dot co dot uk"),
    ("the CP/2022/0311 record was closed", "case_system_id", "CP/2022/0311"),
    # Kin found by probing past the held-out set.
    ("Lily—who is 9—asked to go home", "name", "Lily"),
    ("Holly Wiśniewska said she was frightened", "name", "Holly"),
    ("the EHM reference is 33219", "case_system_id", "33219"),
    ("UPN K820123456789 was on the exclusion letter", "case_system_id", "K820123456789"),
]


def test_a_finding_points_into_the_text_as_written():
    text = "the child, Ke\u200bira, was born on 3\u200b April 2012"
    for f in text_findings(text):
        assert text[f.start : f.end] == f.text
        assert f.where().startswith(f.label) and f.text not in f.where()


@pytest.mark.parametrize(("text", "kind", "found"), FOUND + MISSED_BEFORE + MISSED_IN_HOLDOUT)
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


def test_finding_key_ignores_spacing_case_and_hidden_characters_but_not_kind():
    a, b = text_findings("Keira went home"), text_findings("then KE\u200bIRA")
    assert a[0].key != "" and text_findings("Keira")[0].key == a[0].key
    assert b[0].key == a[0].key and b[0].text == "KE\u200bIRA"
    assert text_findings("Mrs Keira")[0].key != a[0].key
