from typing import Any

from django.conf import settings
from django.http import HttpRequest


def council(request: HttpRequest) -> dict[str, Any]:
    return {"council_name": settings.COMPLAINTSDESK["COUNCIL_NAME"]}
