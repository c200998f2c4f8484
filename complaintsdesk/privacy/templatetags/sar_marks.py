"""The disclosure index's marking tags: `{% marked m text ref "note" %}` marks third
parties' data in free text; `{% whole m value ref "child name" "name" %}` marks a whole value."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from complaintsdesk.privacy.sar import Marker

register = template.Library()


@register.simple_tag
def marked(marker: Marker, value: Any, reference: str, where: str) -> SafeString:
    return marker.text(str(value or ""), f"{reference} {where}")


@register.simple_tag
def whole(marker: Marker, value: Any, reference: str, where: str, kind: str) -> SafeString:
    return marker.whole(str(value or ""), f"{reference} {where}", kind)
