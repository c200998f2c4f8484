"""The fixed explanatory text of each section: what the figures are and how they are counted."""

INTROS: dict[str, str] = {
    "dashboard": (
        "The figures each quarter: complaints received, Ombudsman decisions, how many stage 1 "
        "responses were late, how many complaints were found justified, and the compliments "
        "and learning recorded. A complaint counts in the quarter its stage started; a response "
        "in the quarter it was sent."
    ),
    "summary": (
        "Complaints about children's social care follow the statutory procedure of the Children "
        "Act 1989 Representations Procedure (England) Regulations 2006: stage 1 (local "
        "resolution), stage 2 (investigation by an investigating officer with an independent "
        "person) and stage 3 (review panel). Representations are concerns resolved informally "
        "outside the statutory stages. Other complaints follow the council's corporate procedure."
    ),
    "stage23": (
        "Each stage 2 investigation and stage 3 review panel started in the year, with its cost. "
        "Costs not yet invoiced are shown as not yet known."
    ),
    "lgsco": (
        "The Local Government and Social Care Ombudsman (LGSCO) investigates complaints about "
        "councils and registered social care providers in England. Below are the Ombudsman's "
        "decisions in the year about the council's services, with the remedy and the service "
        "improvements recommended."
    ),
    "who": (
        "Who made the informal and stage 1 complaints received in the year, what they were about, "
        "and whether the council found them justified at stage 1. The council's report says "
        "'justified' at stage 1 and 'upheld' at stages 2 and 3."
    ),
    "cic": (
        "Complaints about children in care, and complaints made through an advocate. The council "
        "has a statutory duty to provide independent advocacy so that children and young people "
        "can have their say in decisions about their lives, including by making a complaint."
    ),
    "timeliness": (
        "Stage 1 responses sent in the year and the working days each took, counted as the "
        "regulations require (weekends and bank holidays excluded). The statutory timescale is "
        "10 working days, extendable to 20."
    ),
    "learning": (
        "Learning is recorded at every stage of the procedure, with the action taken as a result. "
        "Actions are followed up until they are implemented."
    ),
    "equality": (
        "Every complainant is sent an anonymous equality monitoring form; returning it is "
        "voluntary. Percentages are of the forms returned, which cannot be linked to a complaint. "
        "A person may record more than one disability, so those shares may add up to more "
        "than 100%."
    ),
    "compliments": "Compliments received about the council's services in the year.",
}
