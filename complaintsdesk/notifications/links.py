"""Public links put in emails. Generic on purpose: they carry no case, person or token."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from complaintsdesk.cases.models import Directorate


def public_url(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{path}"


def _with_directorate(path: str, directorate: Directorate | None) -> str:
    # Only the directorate, which the anonymous figures are grouped by (figures.md).
    query = f"?{urlencode({'directorate': directorate.pk})}" if directorate is not None else ""
    return public_url(path + query)


def equality_form_url(directorate: Directorate | None) -> str:
    return _with_directorate(reverse("intake:equality"), directorate)


def feedback_form_url(directorate: Directorate | None) -> str:
    return _with_directorate(reverse("intake:feedback"), directorate)
