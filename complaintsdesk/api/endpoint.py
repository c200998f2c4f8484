"""One API address: its operations by method, its token, its parameters, its body, its errors.

The API is authenticated by bearer token only, never by the session cookie, so a browser
cannot be made to call it on someone's behalf: its views are exempt from CSRF, and a method an
address does not take is answered 405 in JSON rather than by the HTML CSRF page.

Everything an operation declares (operation.py) is enforced here before its view runs: a
query parameter it does not take is refused (a client's typo should not be silently ignored),
and its body is validated against its model. A service's refusal becomes a 400 naming the
field, a stale version or an anonymised case a 409; nothing is half-written because each
service is one transaction.
"""

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import BaseModel, ValidationError

from complaintsdesk.api.auth import api_error, token_refused, token_user
from complaintsdesk.api.operation import Operation, operation_of
from complaintsdesk.core.errors import CaseAnonymisedError, ServiceError, StaleEditError
from complaintsdesk.core.params import ParameterError


class ApiInputError(Exception):
    """A request the API cannot act on; answered with `status` and `message` in JSON."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        field: str | None = None,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.errors = errors  # every field at fault, when a body has several


def endpoint(*views: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view for one address, serving each of `views` (declared with @operation) by method."""
    by_method = {operation_of(view).method: view for view in views}

    @csrf_exempt
    def serve(request: HttpRequest, **path: Any) -> HttpResponse:
        view = by_method.get(request.method or "")
        if view is None:
            refused = api_error(405, f"Use {' or '.join(by_method)} here.")
            refused["Allow"] = ", ".join(by_method)
            return refused
        declared = operation_of(view)
        if not declared.public:
            user = token_user(request)
            if user is None:
                return token_refused()
            request.user = user
        try:
            _refuse_unknown_parameters(request, declared)
            if declared.body is not None:
                path["body"] = _body(request, declared.body)
            response: HttpResponse = view(request, **path)
        except ApiInputError as error:
            extra: dict[str, Any] = {"field": error.field} if error.field else {}
            if error.errors:
                extra["errors"] = error.errors
            return api_error(error.status, error.message, **extra)
        except ParameterError as error:
            return api_error(400, error.message, field=error.name)
        except StaleEditError as stale:
            return api_error(409, stale.message, changes=stale.changes)
        except CaseAnonymisedError as anonymised:
            return api_error(409, anonymised.message, anonymised=anonymised.on.isoformat())
        except ServiceError as error:
            return api_error(400, error.message, **({"field": error.field} if error.field else {}))
        return response

    serve.api_operations = tuple(operation_of(view) for view in views)  # type: ignore[attr-defined]
    return serve


def _refuse_unknown_parameters(request: HttpRequest, declared: Operation) -> None:
    unknown = sorted(set(request.GET) - set(declared.query))
    if unknown:
        takes = ", ".join(declared.query) or "no query parameters"
        raise ApiInputError(
            400, f"Unknown query parameter '{unknown[0]}'; this takes {takes}.", field=unknown[0]
        )


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object, or ApiInputError saying what is wrong with it."""
    if request.content_type != "application/json":
        raise ApiInputError(400, "Send the body as JSON, with Content-Type: application/json.")
    try:
        raw = request.body
    except RequestDataTooBig:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raise ApiInputError(413, f"The body is larger than {limit} bytes.") from None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiInputError(400, "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiInputError(400, "The body must be a JSON object of named fields.")
    return body


def _body(request: HttpRequest, model: type[BaseModel]) -> BaseModel:
    json_object(request)  # the clear messages for a body that is not a JSON object at all
    try:
        return model.model_validate_json(request.body)
    except ValidationError as invalid:
        errors = [_field_error(error) for error in invalid.errors(include_url=False)]
        first = errors[0]
        raise ApiInputError(
            400, first["message"], field=first["field"] or None, errors=errors
        ) from None


def _field_error(error: Any) -> dict[str, str]:
    field = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        message = f"{field} is not a field this takes."
    elif error["type"] == "missing":
        message = f"{field} is required."
    else:
        message = f"{field}: {error['msg']}." if field else f"{error['msg']}."
    return {"field": field, "message": message}
