"""Letters posted through GOV.UK Notify: the background task and the address it needs.

As with email (backends.py), the council sets up ONE generic Notify letter template whose
heading is `((subject))` and body `((body))`; Notify prints and posts it. The address is
Notify's `address_line_1` to `address_line_7`: at least three lines, the last a postcode
(or a country), which Notify itself checks.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_tasks import task
from notifications_python_client.notifications import NotificationsAPIClient

MAX_ADDRESS_LINES = 7
MIN_ADDRESS_LINES = 3


def notify_address_lines(name: str, address: str) -> list[str]:
    """The name and address as Notify's lines; ValueError, in words, if Notify would refuse."""
    lines = [line.strip() for line in [name, *address.splitlines()] if line.strip()]
    if len(lines) < MIN_ADDRESS_LINES:
        raise ValueError(
            "A posted letter needs the complainant's name and a postal address of at least "
            "two lines ending in the postcode."
        )
    if len(lines) > MAX_ADDRESS_LINES:
        raise ValueError("A posted letter's address can have at most 6 lines after the name.")
    return lines


def notify_letter_client() -> NotificationsAPIClient:
    if not settings.NOTIFY_API_KEY or not getattr(settings, "NOTIFY_LETTER_TEMPLATE_ID", ""):
        raise ImproperlyConfigured(
            "Letters by GOV.UK Notify need COMPLAINTSDESK_NOTIFY_API_KEY and "
            "COMPLAINTSDESK_NOTIFY_LETTER_TEMPLATE_ID"
        )
    return NotificationsAPIClient(settings.NOTIFY_API_KEY)  # type: ignore[no-untyped-call]


def notify_letters_configured() -> bool:
    return bool(settings.NOTIFY_API_KEY and getattr(settings, "NOTIFY_LETTER_TEMPLATE_ID", ""))


@task()
def letter_post(*, address_lines: list[str], subject: str, body: str, reference: str) -> str:
    """Send one letter to Notify to print and post; returns Notify's id for it."""
    personalisation = {f"address_line_{i}": line for i, line in enumerate(address_lines, 1)}
    personalisation.update(subject=subject, body=body)
    response = notify_letter_client().send_letter_notification(  # type: ignore[no-untyped-call]
        template_id=settings.NOTIFY_LETTER_TEMPLATE_ID,
        personalisation=personalisation,
        reference=reference,
    )
    return str(response.get("id", ""))
