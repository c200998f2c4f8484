"""Logs as JSON lines, each with the request id of the request that wrote it.

RequestIdMiddleware takes the proxy's X-Request-ID (nginx sets it from $request_id) or makes
one, echoes it on the response and logs one line per request: method, path, status,
duration. Never personal data: no query string (searches hold names), no form fields, no
user name (the user's id only), and for an error the exception's type and where it was
raised, not its message (a database error's message can quote the values it refused).
"""

import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]
request_id: ContextVar[str] = ContextVar("request_id", default="")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("complaintsdesk.request")

# Attributes every LogRecord has; anything else on a record was passed as `extra`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        if rid := request_id.get():
            line["request_id"] = rid
        for key, value in vars(record).items():
            # Plain values only: an object's text can carry more than its name suggests (a
            # request's repr holds the query string, and a search's query string holds names).
            if key not in _STANDARD and not key.startswith("_"):
                if value is None or isinstance(value, str | int | float):
                    line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            line["exception"] = kind.__name__
            line["where"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(tb)[-5:]
            ]
        return json.dumps(line, default=str)


class RequestIdMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = str(request.META.get("HTTP_X_REQUEST_ID", ""))
        rid = given if _VALID_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        start = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            request_logger.info(
                "request",
                extra={
                    "request_id": rid,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - start) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
