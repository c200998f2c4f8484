"""The first request of a fresh process, as a web server worker meets it.

    python -m bench.first_request --url / --session KEY [--path /reports/annual/]

Run by the report benchmark in a new process with DATABASE_URL set: it starts Django the
way the WSGI server does (`config.wsgi`), then times its first request and its second,
signed in with a session the parent made (so nothing touches the database before the
first request). Prints one line of JSON: seconds to start, and each request's seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import time

BEGAN = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="/")
    parser.add_argument("--session", required=True, help="a signed-in session's key")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    from config.wsgi import application  # noqa: F401 - starts Django as the server does

    started = time.perf_counter() - BEGAN
    from django.conf import settings
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.cookies[settings.SESSION_COOKIE_NAME] = args.session
    timings = []
    for _ in range(2):
        began = time.perf_counter()
        response = client.get(args.url)
        timings.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{args.url} answered {response.status_code}")
    print(json.dumps({"start": started, "first": timings[0], "second": timings[1]}))


if __name__ == "__main__":
    main()
