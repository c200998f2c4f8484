"""PURE: the normalised keys people are found and matched by (no Django).

Search and the duplicate check compare these keys, never the raw text, so "Sam  O'Neil",
"sam o'neil" and "SAM O'NEIL" are one name, and "+44 7700 900123" is "07700900123".
"""

import re

_SPACES = re.compile(r"\s+")
# Control characters (NUL above all: PostgreSQL refuses it in text) are in no real name or
# address; the duplicate check reads the posted details before the form refuses them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_DIGIT = re.compile(r"\D")
# A UK postcode anywhere in an address: "SW1A 1AA", "m1 1ae".
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)


def name_key(name: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub(" ", name)).strip().casefold()


def email_key(email: str) -> str:
    return _CONTROL.sub("", email).strip().casefold()


def phone_key(phone: str) -> str:
    digits = _NOT_DIGIT.sub("", phone)
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


def postcode_key(address: str) -> str:
    """The address's last UK postcode, upper case with no space; "" when it has none."""
    found = _POSTCODE.findall(address)
    if not found:
        return ""
    outward, inward = found[-1]
    return f"{outward}{inward}".upper()
