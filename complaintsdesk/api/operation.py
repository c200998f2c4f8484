"""What each API operation declares about itself, read both to serve it and to describe it.

A view function is decorated with `@operation(...)`: its method, query parameters, body model
and answers. `endpoint()` (endpoint.py) serves the operations of one address from these
declarations, and `openapi.py` writes the OpenAPI document from the very same ones, so the
schema cannot drift from what the code accepts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

# Every answer an operation may give besides its success: each is `schemas.Error`.
ERROR_MEANINGS = {
    400: "Bad input; nothing was written. `field` names the parameter or field at fault.",
    401: "No valid API token.",
    403: "The token's user may not do this.",
    404: "No such case (or one the user may not see: they look the same).",
    409: (
        "Someone changed the case since `version`, or the case was anonymised (`anonymised`: "
        "the date) and can no longer be changed; nothing was written."
    ),
    413: "The body is larger than the server accepts.",
}


@dataclass(frozen=True)
class Operation:
    method: str
    operation_id: str
    summary: str
    description: str
    # The query parameters it takes, each with its JSON Schema; any other is refused with 400.
    query: dict[str, dict[str, Any]]
    required_query: tuple[str, ...]
    body: type[BaseModel] | None
    status: int
    answer: type[BaseModel] | dict[str, Any]
    errors: tuple[int, ...]
    public: bool = False
    path_params: dict[str, dict[str, Any]] = field(default_factory=dict)


def operation(
    method: str,
    *,
    summary: str,
    answer: type[BaseModel] | dict[str, Any],
    status: int = 200,
    query: dict[str, dict[str, Any]] | None = None,
    required_query: tuple[str, ...] = (),
    body: type[BaseModel] | None = None,
    errors: tuple[int, ...] = (400, 401, 403, 404),
    path_params: dict[str, dict[str, Any]] | None = None,
    public: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the decorated view as the `method` operation of the address it is served at."""

    def declare(view: Callable[..., Any]) -> Callable[..., Any]:
        view.api_operation = Operation(  # type: ignore[attr-defined]
            method=method,
            operation_id=view.__name__,
            summary=summary,
            description=(view.__doc__ or "").strip(),
            query=query or {},
            required_query=required_query,
            body=body,
            status=status,
            answer=answer,
            errors=errors if body is None else tuple(sorted({*errors, 400, 413})),
            public=public,
            path_params=path_params or {},
        )
        return view

    return declare


def operation_of(view: Callable[..., Any]) -> Operation:
    declared: Operation = view.api_operation  # type: ignore[attr-defined]
    return declared
