from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def council(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": settings.COMPLAINTSDESK["COUNCIL_NAME"],
        "footer_links": footer_links(),
    }


def footer_links() -> list[tuple[str, str]]:
    """The footer's (label, URL) pairs: the council's pages where set, else our own."""
    own = settings.COMPLAINTSDESK
    links = []
    if own.get("PRIVACY_NOTICE_URL"):
        links.append(("Privacy notice", str(own["PRIVACY_NOTICE_URL"])))
    links.append(
        (
            "Accessibility statement",
            str(own.get("ACCESSIBILITY_STATEMENT_URL") or reverse("intake:accessibility")),
        )
    )
    links.append(("Cookies", str(own.get("COOKIES_URL") or reverse("intake:cookies"))))
    return links
