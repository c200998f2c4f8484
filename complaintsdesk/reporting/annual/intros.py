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
        "decisions in the year about the council's services, by service area; each decision, "
        "with its remedy and the service improvements recommended, is in the appendix."
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
    "key_messages": (
        "The main points of the year, for readers who read nothing else: what changed, what "
        "went well and what the council is doing about what did not."
    ),
    "effectiveness": (
        "How well the complaints procedure itself worked, from what complainants told us: "
        "everyone whose complaint closed is invited to an anonymous feedback survey. Shares "
        "are of those who answered each question; written suggestions are read by the team "
        "and not printed, since they were given anonymously."
    ),
    "adults_received": (
        "Regulation 18 of the Local Authority Social Services and National Health Service "
        "Complaints (England) Regulations 2009 asks for the number of complaints received, "
        "the number the council decided were well-founded, and the number the complainant "
        "referred to the Local Government and Social Care Ombudsman."
    ),
    "adults_subjects": (
        "What the adult social care complaints were about, and what the council found at its "
        "response."
    ),
    "general_importance": (
        "Matters of general importance arising from the complaints, or from the way they were "
        "handled (regulation 18(2)(d))."
    ),
    "action_taken": (
        "Action taken, or to be taken, to improve services as a consequence of the complaints "
        "(regulation 18(2)(e)), each followed up until it is implemented."
    ),
    "code_performance": (
        "The Ombudsman's Complaint Handling Code asks the council to acknowledge a complaint "
        "within 5 working days, to answer at stage 1 within 10 working days of the "
        "acknowledgement (extendable by up to 10 more, with reasons) and at stage 2 within 20 "
        "(extendable by up to 20 more). Figures are of corporate complaints; working days "
        "exclude weekends, bank holidays and the council's closure days."
    ),
    "self_assessment": (
        "The council's self-assessment against each provision of the Complaint Handling Code."
    ),
    "lgsco_remedies": (
        "Each recommendation the Ombudsman made, and whether the council complied with it."
    ),
    "appendix_lgsco": (
        "Every decision the Ombudsman made in the year about the council's services in the "
        "report's scope, by service area, with the remedy and the service improvements "
        "recommended."
    ),
}
