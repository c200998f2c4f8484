"""The shipped wording of each letter, used until the complaints manager saves the council's own.

Plain English, one idea a paragraph; the dates come from the deadline engine through the
merge fields, so a letter never states a date the system does not hold.
"""

_SIGN_OFF = "Yours sincerely\n\n{{ officer }}\nComplaints team, {{ council }}"

SHIPPED: dict[str, tuple[str, str]] = {
    "acknowledgement": (
        "We have received your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "Thank you for your complaint about {{ service_area }}, which we received on "
        "{{ received }}. Your reference is {{ reference }}: please quote it if you contact us.\n\n"
        "We will send you our response by {{ due_date }}. If we need longer, we will write to "
        "you before then to explain why and agree a new date with you.\n\n" + _SIGN_OFF,
    ),
    "extension": (
        "We need more time to respond to your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "We said we would respond to your complaint by {{ due_date }}. We need more time: "
        "{{ extension_reason }}\n\n"
        "We will now respond by {{ extended_to }}. We are sorry for the wait.\n\n" + _SIGN_OFF,
    ),
    "holding": (
        "An update on your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "We are still looking into your complaint and wanted to let you know where it stands. "
        "We expect to send you our response by {{ due_date }}.\n\n" + _SIGN_OFF,
    ),
    "response_upheld": (
        "Our response to your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "We have looked into your complaint about {{ service_area }}. We agree with it: we "
        "got this wrong, and we are sorry.\n\n"
        "[Explain what happened, what we found, and what we will do to put it right.]\n\n"
        "If you are not happy with this response, you can ask us to consider your complaint "
        "at {{ next_stage }}.\n\n" + _SIGN_OFF,
    ),
    "response_partly_upheld": (
        "Our response to your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "We have looked into your complaint about {{ service_area }}. We agree with part of "
        "it.\n\n"
        "[Explain each point: what we found, which we agree with and why, and what we will "
        "do.]\n\n"
        "If you are not happy with this response, you can ask us to consider your complaint "
        "at {{ next_stage }}.\n\n" + _SIGN_OFF,
    ),
    "response_not_upheld": (
        "Our response to your complaint ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "We have looked into your complaint about {{ service_area }}. We have not found that "
        "we did something wrong.\n\n"
        "[Explain what we looked at and what we found.]\n\n"
        "If you are not happy with this response, you can ask us to consider your complaint "
        "at {{ next_stage }}.\n\n" + _SIGN_OFF,
    ),
    "escalation": (
        "Your complaint has moved to {{ stage }} ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "You asked us to look at your complaint again. It is now at {{ stage }}, which started "
        "on {{ stage_started }}.\n\n"
        "We will send you our response by {{ due_date }}.\n\n" + _SIGN_OFF,
    ),
    "ombudsman": (
        "Your complaint and the Local Government and Social Care Ombudsman ({{ reference }})",
        "Dear {{ complainant_name }}\n\n"
        "Our complaints procedure has now finished. If you are still not happy, you can ask "
        "the Local Government and Social Care Ombudsman to look at your complaint. The "
        "Ombudsman is free and independent: www.lgo.org.uk or 0300 061 0614.\n\n" + _SIGN_OFF,
    ),
}
