# ruff: noqa: E501  (prose: one sentence per line reads better than split strings)
"""The demo's free text: believable, and with no personal data at all.

No names (not even "Mr X"), dates of birth, addresses, phone numbers, emails or case-system
ids: the published report refuses text with personal data, and `tests/demo` checks that
none of the demo's invented people appear in any of it. People are "the complainant",
"the parent", "the young person", "the child".
"""

from __future__ import annotations

CSC_SUMMARIES: dict[str, tuple[str, ...]] = {
    "communication": (
        "The parent says emails to the team went unanswered for several weeks and promised calls did not happen.",
        "The complainant was not told that the allocated social worker had changed and could not reach the team.",
        "The parent did not receive the conference report in time to read it before the meeting.",
        "The family say they were given different information by different workers about the plan for contact.",
    ),
    "data": (
        "The parent says an assessment contains factual errors and was shared with the other parent before they could comment.",
        "Information about the complainant was shared with a family member without consent.",
        "The complainant asks for a statement in meeting minutes to be removed because it is inaccurate.",
    ),
    "policy_disagreement": (
        "The parent disagrees with the decision to close the child in need plan.",
        "The complainant disagrees with the outcome of the child and family assessment.",
        "The family disagree with the level of support agreed by the resource panel.",
        "The parent disagrees with the decision not to fund the overnight short breaks they asked for.",
    ),
    "professional_practice": (
        "The parent feels the social worker's approach during visits was dismissive and that their views were not recorded.",
        "The complainant says visits were missed and the plan drifted while the case was between workers.",
        "The family feel no support was offered before the situation reached crisis point.",
        "The parent is unhappy with how a home visit was carried out without their agreement.",
        "The complainant says the assessment did not take the family's circumstances into account.",
        "The parent says the child was not seen regularly while the allocated worker was absent.",
        "The family say the placement move was rushed and the young person's belongings were not looked after.",
        "The complainant feels the non-resident parent was left out of meetings and decisions about the children.",
    ),
    "misconduct": (
        "The complainant says a worker made inappropriate comments about the family during a meeting.",
        "The parent says a worker was rude and raised their voice during a telephone call.",
    ),
    "other": (
        "The complainant raises concerns about the cancellation of transport arrangements.",
        "The family are unhappy with delays in the delivery of specialist equipment.",
    ),
    "finance": (
        "The complainant disputes the allowance paid while the young person lived with them.",
    ),
    "service_delay": ("The family say the assessment they were promised has still not started.",),
}
CNSC_SUMMARIES: tuple[str, ...] = (
    "The parent says the Council took too long to issue the final Education, Health and Care plan.",
    "The complainant says the child has been out of school for months without suitable alternative provision.",
    "The parent disagrees with the refusal of home to school transport to the school named in the plan.",
    "The complainant says the annual review of the plan was not completed within the statutory timescale.",
    "The family say the provision set out in the plan is not being delivered.",
    "The parent is unhappy with the school place offered at transition to secondary school.",
    "The complainant says calls and emails to the SEN team were not returned.",
    "The parent says the early years funding application was lost and had to be made again.",
    "The complainant disagrees with the decision not to carry out an education, health and care needs assessment.",
)
ADULTS_SUMMARIES: tuple[str, ...] = (
    "The family are unhappy with the charge for residential care and how it was explained.",
    "The complainant says home care visits were late or missed over several weeks.",
    "The service user disagrees with the outcome of their care needs assessment.",
    "The family say they were not told about the hospital discharge arrangements in time.",
    "The complainant says the financial assessment took too long and the bill arrived without warning.",
)
PLACE_SUMMARIES: tuple[str, ...] = (
    "The complainant's bin collection has been missed repeatedly.",
    "The complainant reported a pothole that was not repaired for several months.",
    "The resident is unhappy with how a planning application next door was handled.",
    "The complainant disputes a parking penalty issued while loading.",
    "The resident says fly-tipping on a lane was reported several times without action.",
    "The complainant is unhappy with the closure of the household recycling centre without notice.",
)
DESIRED_OUTCOMES: tuple[str, ...] = (
    "An apology and an explanation of what went wrong.",
    "The record to be corrected.",
    "A change of worker.",
    "The support to be put in place without further delay.",
    "Assurance that this will not happen to another family.",
    "The decision to be reviewed.",
    "A meeting with a manager.",
)

EXTENSION_REASONS: tuple[str, ...] = (
    "Agreed with the complainant: further information needed from the team.",
    "Agreed with the complainant: the responding manager is meeting the family first.",
    "Agreed with the complainant: records from a partner agency requested.",
    "Agreed with the complainant: the complaint covers several teams.",
)

CSC_LEARNINGS: tuple[tuple[str, str], ...] = (
    (
        "Social workers must follow the procedure for seeking parental consent before an assessment.",
        "Staff reminded at the team meeting and in supervision.",
    ),
    (
        "The number of professionals at a core group meeting should be proportionate.",
        "Practice discussed at the team meeting; chairs to check attendance in advance.",
    ),
    (
        "Files must be kept up to date so that emergency placements have the information they need.",
        "Managers are discussing file recording with locality teams.",
    ),
    (
        "The language used in meetings matters: phrases such as 'ticking boxes' undermine trust.",
        "General discussion about communication held at the team meeting.",
    ),
    (
        "Car seats provided for children in foster care must be checked for the right size and type.",
        "All car seats reviewed and unsuitable ones replaced; transport workers briefed.",
    ),
    (
        "A child should be returned home after a visit unless another arrangement has been agreed with the parent.",
        "The worker has reflected on the incident with the team manager.",
    ),
    (
        "Parents should receive conference reports in time to read them before the conference.",
        "The manager will check reports are sent within timescales.",
    ),
    (
        "Third-party information must be redacted before an assessment is shared with family members.",
        "Discussed with the worker; redaction checklist added to the sharing procedure.",
    ),
    (
        "Workers should not enter a property without express consent.",
        "Addressed in individual supervision; workers will phone ahead if there is no answer.",
    ),
    (
        "Young people moving placement should have suitcases for their belongings, never bin bags.",
        "Suitcases are now kept by the team and given to every young person who moves.",
    ),
    (
        "Visit notes should confirm what was discussed and agreed.",
        "Follow-up emails are now sent after visits listing what was agreed.",
    ),
    (
        "Agreed monthly calls with a parent must take place.",
        "The manager has given the team advice and training on keeping in contact.",
    ),
    (
        "Parents should be invited to their child's care reviews unless there is a reason not to.",
        "Review invitations checked by the independent reviewing officer.",
    ),
    (
        "Families need clear information about court-ordered psychological assessments.",
        "The team will give families the information leaflet at the start of proceedings.",
    ),
    (
        "Sibling contact should be arranged when siblings are placed apart.",
        "Monthly sibling contact arranged, with video calls in between.",
    ),
    (
        "Emails to several families must be sent with addresses hidden.",
        "The team has completed data protection training; a short delay on sending is being considered.",
    ),
    (
        "Visits every two weeks must be kept up even when urgent work arises elsewhere.",
        "The manager has reminded the team of the importance of keeping to the visiting schedule.",
    ),
    (
        "Families and carers need the duty and out-of-hours contact details.",
        "Contact details are now shared at every child in care review.",
    ),
    (
        "Both parents with parental responsibility should receive the same information.",
        "The team manager has spoken to the workers involved and to the family.",
    ),
    (
        "Consent must be clear before information is shared with other professionals.",
        "Staff reminded to record what consent has been given.",
    ),
)
CNSC_LEARNINGS: tuple[tuple[str, str], ...] = (
    (
        "Staff must know the statutory timescales for issuing an Education, Health and Care plan.",
        "Training on the plan process given to all SEN officers.",
    ),
    (
        "The Council must consider its section 19 duty as soon as a child is out of school.",
        "Out of school procedure reviewed; briefing paper issued to officers.",
    ),
    (
        "Decisions on alternative provision must be recorded with the reasons for them.",
        "A decision record template is now used for every request.",
    ),
    (
        "Parents need to understand the annual review timeline in transition years.",
        "Letters to parents rewritten to explain the review and appeal dates.",
    ),
    (
        "Calls to the SEN team must be returned within the service standard.",
        "A shared inbox and call-back log introduced.",
    ),
    (
        "Transport eligibility decisions must apply the guidance for pupils with plans correctly.",
        "Updated guidance given to the SEN and transport teams.",
    ),
    (
        "Staff changeover must not delay an assessment that is under way.",
        "Handover checklist introduced for caseworkers leaving the team.",
    ),
    (
        "A communication that could be a complaint must be passed to the complaints team.",
        "All staff, including directors, reminded of the complaints procedure.",
    ),
)
OTHER_LEARNINGS: tuple[tuple[str, str], ...] = (
    (
        "Residents must be told when a service change affects them.",
        "Notice of service changes now published two weeks ahead.",
    ),
    (
        "Charges must be explained in writing before care starts.",
        "The charging leaflet has been rewritten and is sent with every care plan.",
    ),
    (
        "Repeated reports of the same problem should be escalated to a supervisor.",
        "The reporting system now flags a third report of the same problem.",
    ),
    (
        "Missed visits must be reported to the family on the day.",
        "Providers reminded of the contract requirement to notify missed visits.",
    ),
)
COMPLIMENTS: tuple[str, ...] = (
    "Thanks to the social worker for the support given to the family over a difficult year.",
    "The foster carers thanked the fostering team for their help during a placement.",
    "A parent thanked the team for listening and explaining the plan clearly.",
    "A young person thanked their worker for helping them move into their own flat.",
    "A parent praised the SEN caseworker for keeping them informed at every step.",
    "Thanks to the school transport team for sorting out a route change quickly.",
    "A grandparent thanked the team for arranging regular family time.",
    "The family thanked the early help worker for the parenting course.",
    "A carer praised the reablement team for their patience and kindness.",
    "A resident thanked the crew for collecting a missed bin the same day.",
    "Thanks to the highways team for the quick repair of a dangerous pothole.",
    "A professional praised the team for their joined-up work with the school.",
)

LGSCO_TEXT: dict[str, tuple[str, str]] = {
    # The report's findings, retold without names; reference -> (in brief, recommendations).
    "default_sen": (
        "The complainant said the Council failed to provide suitable alternative education while the child could not attend school.",
        "Remind officers of the section 19 duty and the statutory guidance; provide evidence of compliance.",
    ),
    "22006903": (
        "The Council failed to provide the education set out in the child's plan while the child was out of school.",
        "Train relevant staff on the plan process and the statutory timescales; make sure staff changes do not delay the process.",
    ),
    "22007794": (
        "The Council failed to make suitable alternative or special educational provision for two children, to review their plans and to answer the parent's complaints.",
        "Pay a continuing remedy for lost provision until suitable provision is in place; review the annual review process.",
    ),
    "22007859": (
        "The Council failed to provide suitable alternative education when the child could not attend school.",
        "Apologise; pay for the benefit of the child's education and for the distress caused.",
    ),
    "22009300": (
        "The Council's handling of educational provision for the child, of the complaints and of the family's information.",
        "Remind staff of the duty to provide alternative provision; share the Ombudsman's focus report; pass all complaints to the complaints team.",
    ),
    "22009845": (
        "The Council failed to acknowledge and respond to a relative's concerns about a child's welfare and wrongly shared information about the contacts.",
        "Remind social care staff of the recording policy on information from non-professionals and on responding to concerns.",
    ),
    "22011440": (
        "The Council failed to issue a plan within the statutory timeframe and to provide suitable alternative education.",
        "Remind officers of the section 19 duty, the statutory guidance and the importance of proper records.",
    ),
    "22013476": (
        "The young person had no education after a post-16 college place did not work out.",
        "Pay the remedy within one month and provide evidence of compliance.",
    ),
    "22015157": (
        "The Council failed to provide alternative educational provision and communicated poorly with the parent.",
        "Apologise and make a payment to remedy the injustice.",
    ),
    "22015375": (
        "The Council failed to keep a record of a multi-agency meeting about a child.",
        "Remind staff that where the Council leads, a record of the meeting must be kept.",
    ),
    "22015727": (
        "The Council failed in its duty to provide full-time education after the family moved into the area.",
        "Improve how decisions on alternative provision are made, through training or a briefing paper.",
    ),
    "22016569": (
        "The Council failed to provide suitable education after the child stopped attending school.",
        "Share the decision with SEN officers; keep to the service standards for communication.",
    ),
    "22016709": (
        "The Council took too long to issue the draft and final plans and to arrange alternative provision.",
        "Share the decision with the relevant staff.",
    ),
    "23001076": (
        "The Council failed to deliver the provision in the child's plan and to consider its section 19 duty.",
        "Review the out of school and annual review procedures and report the outcome to the Ombudsman.",
    ),
    "23001176": (
        "The Council failed to issue an amended final plan before the transition to secondary school.",
        "Train SEN staff on the code of practice, including the 15 February deadline in transition years.",
    ),
    "23001987": (
        "The Council delayed arranging a suitable school place and communicated poorly.",
        "The Council had already apologised for its poor communication.",
    ),
    "23004838": (
        "The Council failed to make alternative provision, to complete a phase transfer review in time and to communicate properly.",
        "Review procedures for considering the section 19 duty and report the changes to the Ombudsman.",
    ),
    "23009049": (
        "The Council took fifteen weeks too long to finalise an amended plan, delaying consultation with placements.",
        "Apologise and pay for the distress and the delay.",
    ),
    "23009232": (
        "The Council took seven months too long to issue a plan, and the drafts contained errors.",
        "Apologise and pay for the inconvenience and frustration caused.",
    ),
    "23009368": (
        "The Council wrongly refused home to school transport to the school named in the child's plan.",
        "Train SEN and transport staff on applying the transport test for pupils with plans.",
    ),
    "23017734": (
        "The complainant said the Council failed to reply properly to a children's services complaint.",
        "Passed back to the Council for the complaint to progress to stage 2.",
    ),
    "21017726": (
        "The Council delayed issuing a plan and failed to secure suitable alternative provision while a school place was found.",
        "Apologise and make a payment in recognition of the injustice.",
    ),
}
LGSCO_OTHER: tuple[str, ...] = (
    "The complainant said the Council delayed its response to their complaint.",
    "The complainant disagreed with a decision the Council had made properly.",
    "The complainant said the Council failed to keep them informed.",
)

# The live Ombudsman decision's recommendations, one per type the demo records.
LGSCO_RECOMMENDATIONS: dict[str, str] = {
    "apology": "Apologise in writing for the delay in issuing the plan.",
    "financial_remedy": "Pay £750 for the lost provision and the time and trouble caused.",
    "procedural_change": "Review how annual reviews are tracked so that none are missed.",
}
