"""The OpenAPI document itself: public, so a client can be generated before any token exists."""

from django.http import HttpRequest, JsonResponse

from complaintsdesk.api.openapi import openapi_document
from complaintsdesk.api.operation import operation


@operation(
    "GET",
    summary="This API's OpenAPI 3.1 document",
    answer={"type": "object", "required": ["openapi", "paths"]},
    errors=(400,),
    public=True,
)
def openapi_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document())
