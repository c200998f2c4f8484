"""The OpenAPI 3.1 document, written from the API's URL patterns and each operation's declaration.

Paths come from `api/urls.py` (so an address cannot be served without being described), the
operations from their `@operation` declarations, and the bodies' and answers' JSON Schema from
the pydantic models in `schemas.py` (pydantic writes it; see docs/adr/0011).
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.urls import URLPattern
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from complaintsdesk.api import schemas
from complaintsdesk.api.operation import ERROR_MEANINGS, Operation

API_PREFIX = "/api/"
COMPONENTS = "#/components/schemas/"
FIGURES_SCHEMA = Path(__file__).parents[1] / "reporting" / "schema" / "figures-1.json"
_ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def openapi_path(route: str) -> str:
    """`v1/cases/<path:reference>` as OpenAPI writes it: `/api/v1/cases/{reference}`."""
    return API_PREFIX + _ROUTE_PARAMETER.sub(r"{\1}", route)


def _ref(model: type[BaseModel] | dict[str, Any]) -> dict[str, Any]:
    return model if isinstance(model, dict) else {"$ref": COMPONENTS + model.__name__}


def _json(schema: dict[str, Any] | type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(schema)}}


def _parameters(path: str, declared: Operation) -> list[dict[str, Any]]:
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {k: s for k, s in schema.items() if k != "description"},
            "description": schema.get("description", ""),
        }
        for name in re.findall(r"{(\w+)}", path)
        for schema in [declared.path_params.get(name, {"type": "string"})]
    ]
    parameters += [
        {
            "name": name,
            "in": "query",
            "required": name in declared.required_query,
            "schema": {k: s for k, s in schema.items() if k != "description"},
            "description": schema.get("description", ""),
        }
        for name, schema in declared.query.items()
    ]
    return parameters


def _operation(path: str, declared: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "operationId": declared.operation_id,
        "summary": declared.summary,
        "parameters": _parameters(path, declared),
        "responses": {
            str(declared.status): {"description": "Done.", "content": _json(declared.answer)},
            **{
                str(status): {
                    "description": ERROR_MEANINGS[status],
                    "content": _json(schemas.Error),
                }
                for status in declared.errors
            },
        },
    }
    if declared.description:
        out["description"] = declared.description
    if declared.body is not None:
        out["requestBody"] = {"required": True, "content": _json(declared.body)}
    if declared.public:
        out["security"] = []
    return out


def _figures_schemas() -> dict[str, Any]:
    """The figures' own JSON Schema (reporting/schema), its `$defs` lifted into components."""
    schema = json.loads(FIGURES_SCHEMA.read_text())
    text = json.dumps(schema).replace('"#/$defs/', f'"{COMPONENTS}Figures_')
    schema = json.loads(text)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return {"Figures": schema, **{f"Figures_{name}": d for name, d in defs.items()}}


def _operations() -> list[tuple[str, Operation]]:
    from complaintsdesk.api.urls import urlpatterns  # the URLs import the views, which import us

    found = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        path = openapi_path(str(pattern.pattern))
        found += [(path, declared) for declared in pattern.callback.api_operations]  # type: ignore[attr-defined]
    return found


@cache
def openapi_document() -> dict[str, Any]:
    operations = _operations()
    paths: dict[str, dict[str, Any]] = {}
    models: set[type[BaseModel]] = {schemas.Error}
    for path, declared in operations:
        paths.setdefault(path, {})[declared.method.lower()] = _operation(path, declared)
        models |= {m for m in (declared.body, declared.answer) if isinstance(m, type)}
    _, model_schemas = models_json_schema(
        [(model, "validation") for model in sorted(models, key=lambda m: m.__name__)],
        ref_template=COMPONENTS + "{model}",
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ComplaintsDesk API",
            "version": "1",
            "description": (
                "For the council's other systems. Every call acts as the user the token was "
                "issued to, with that user's access. Errors are JSON: "
                '{"error": "...", "field": "..."}. See docs/api.md.'
            ),
        },
        "paths": paths,
        "components": {
            "schemas": {**model_schemas.get("$defs", {}), **_figures_schemas()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
