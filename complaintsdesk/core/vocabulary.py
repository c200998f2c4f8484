"""Every controlled vocabulary of the system: code -> label. Pure: no Django imports.

The codes are the exchange format's (docs/exchange-format.md); labels are what people read.
"""

PROCEDURE = {
    "children_statutory": "Children's statutory",
    "adults_statutory": "Adults' statutory",
    "corporate": "Corporate",
}
STAGE = {
    "informal": "Informal",
    "stage1": "Stage 1",
    "stage2": "Stage 2",
    "stage3": "Stage 3",
}
FORMAL_OUTCOME = {
    "upheld": "Upheld",
    "partly_upheld": "Partly upheld",
    "not_upheld": "Not upheld",
    "withdrawn": "Withdrawn",
}
INFORMAL_OUTCOME = {
    "resolved": "Resolved",
    "escalated": "Escalated",
    "withdrawn": "Withdrawn",
}
OUTCOME = {**FORMAL_OUTCOME, **INFORMAL_OUTCOME}
CHANNEL = {
    "email": "Email",
    "phone": "Phone",
    "web": "Web",
    "letter": "Letter",
    "in_person": "In person",
    "advocate": "Advocate",
    "other": "Other",
}
COMPLAINANT_TYPE = {
    "young_person": "Young person",
    "parent": "Parent",
    "grandparent": "Grandparent",
    "other_relative": "Other relative",
    "foster_carer": "Foster carer",
    "special_guardian": "Special guardian",
    "advocate": "Advocate",
    "group": "Group",
    "individual": "Individual",
    "customer": "Customer",
    "professional": "Professional",
    "other": "Other",
}
THEME = {
    "communication": "Communication",
    "data": "Data",
    "finance": "Finance",
    "policy_disagreement": "Policy - disagreement with decision",
    "service_delay": "Service provision - delay",
    "professional_practice": "Professional practice / quality of service",
    "misconduct": "Misconduct",
    "other": "Other",
}
LGSCO_DECISION = {
    "upheld": "Upheld",
    "not_upheld": "Not upheld",
    "closed_after_initial_enquiries": "Closed after initial enquiries",
    "referred_back": "Referred back for local resolution",
    "withdrawn": "Withdrawn",
    "other": "Other",
}
# How the Ombudsman classifies the remedies it recommends.
LGSCO_RECOMMENDATION = {
    "apology": "Apology",
    "financial_remedy": "Financial remedy",
    "procedural_change": "Procedural change",
    "training": "Training",
    "other": "Other",
}
LEARNING_STATUS = {
    "implemented": "Implemented",
    "in_progress": "In progress",
    "not_implemented": "Not implemented",
}
APPOINTMENT_ROLE = {
    "investigating_officer": "Investigating officer",
    "independent_person": "Independent person",
    "panel_member": "Panel member",
}
GENDER = {
    "female": "Female",
    "male": "Male",
    "non_binary_or_self_described": "Non-binary or self-described",
    "prefer_not_to_say": "Prefer not to say",
}
SEXUALITY = {
    "heterosexual": "Heterosexual",
    "gay_man": "Gay man",
    "gay_woman_lesbian": "Gay woman / lesbian",
    "bisexual": "Bisexual",
    "other": "Other",
    "prefer_not_to_say": "Prefer not to say",
}
AGE_BAND = {
    "under_16": "Under 16",
    "16_24": "16-24",
    "25_34": "25-34",
    "35_44": "35-44",
    "45_54": "45-54",
    "55_64": "55-64",
    "65_74": "65-74",
    "75_plus": "75 and over",
}
RELIGION = {
    "none": "None",
    "christian": "Christian",
    "buddhist": "Buddhist",
    "hindu": "Hindu",
    "jewish": "Jewish",
    "muslim": "Muslim",
    "sikh": "Sikh",
    "atheist": "Atheist",
    "other": "Other",
    "prefer_not_to_say": "Prefer not to say",
}
ETHNICITY = {
    "white_british": "White: English, Welsh, Scottish, Northern Irish or British",
    "white_irish": "White: Irish",
    "white_gypsy_or_irish_traveller": "White: Gypsy or Irish Traveller",
    "white_roma": "White: Roma",
    "white_other": "White: any other White background",
    "mixed_white_black_caribbean": "Mixed: White and Black Caribbean",
    "mixed_white_black_african": "Mixed: White and Black African",
    "mixed_white_asian": "Mixed: White and Asian",
    "mixed_other": "Mixed: any other Mixed or multiple ethnic background",
    "asian_indian": "Asian or Asian British: Indian",
    "asian_pakistani": "Asian or Asian British: Pakistani",
    "asian_bangladeshi": "Asian or Asian British: Bangladeshi",
    "asian_chinese": "Asian or Asian British: Chinese",
    "asian_other": "Asian or Asian British: any other Asian background",
    "black_african": "Black, Black British, Caribbean or African: African",
    "black_caribbean": "Black, Black British, Caribbean or African: Caribbean",
    "black_other": "Black, Black British, Caribbean or African: any other background",
    "arab": "Other ethnic group: Arab",
    "other": "Other ethnic group: any other ethnic group",
    "prefer_not_to_say": "Prefer not to say",
}
DISABILITY = {
    "physical": "Physical",
    "sensory": "Sensory",
    "learning": "Learning",
    "mental_health": "Mental health",
    "long_term_condition": "Long-term condition",
    "other": "Other",
    "none": "None",
    "prefer_not_to_say": "Prefer not to say",
}


def choices(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return list(vocabulary.items())
