"""A new web server process is ready before its first request (config/wsgi.py)."""

import importlib
from typing import Any

import holidays
import pytest
from django.test import Client

from complaintsdesk.accounts.roles import OFFICER
from complaintsdesk.deadlines import calendar
from complaintsdesk.deadlines.selectors import deadlines_cache_clear
from tests.casework.conftest import make_user


def _as_a_new_process() -> None:
    """Forget everything worked out so far, as a process that has just started has."""
    calendar._bank_holidays.cache_clear()
    deadlines_cache_clear()


def _bank_holidays_worked_out(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the first request worked out the bank holidays")


@pytest.mark.django_db
def test_the_first_request_after_the_server_starts_does_not_work_out_bank_holidays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    officer = make_user("officer", OFFICER)
    _as_a_new_process()
    importlib.reload(importlib.import_module("config.wsgi"))  # what the server runs at start
    monkeypatch.setattr(holidays, "country_holidays", _bank_holidays_worked_out)
    client = Client()
    client.force_login(officer)
    assert client.get("/").status_code == 200  # the staff home counts working days


def test_start_up_queries_no_database() -> None:
    """Not marked django_db: pytest-django refuses any query, as a server starting while
    its database is still coming up must not need one."""
    _as_a_new_process()
    from complaintsdesk.core.warm import warm_start

    warm_start()
    assert calendar._bank_holidays.cache_info().currsize == 1
