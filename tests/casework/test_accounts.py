"""Sign in and out, lockout after repeated failures, password reset by email, roles as groups."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.lockout import MAX_FAILURES
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import make_user

PASSWORD = "not-a-real-password-1"


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


@pytest.mark.django_db
def test_roles_exist_after_migrating_and_ensure_roles_is_idempotent():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    roles.ensure_roles()
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES)


@pytest.mark.django_db
def test_sign_in_and_out(client):
    make_user("officer", roles.OFFICER)
    response = sign_in(client, "officer")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(kind="account.signed_in").count() == 1
    assert client.post("/accounts/sign-out/").status_code == 200
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_shows_a_govuk_error(client):
    make_user("officer", roles.OFFICER)
    page = sign_in(client, "officer", "wrong").content.decode()
    assert "govuk-error-summary" in page and "Enter a correct username and password" in page


@pytest.mark.django_db
def test_lockout_after_repeated_failures_even_with_the_right_password(client):
    make_user("officer", roles.OFFICER)
    for _ in range(MAX_FAILURES):
        sign_in(client, "officer", "wrong")
    response = sign_in(client, "officer")  # the right password, too late
    assert response.status_code == 200
    assert "This account is locked" in response.content.decode()
    assert AuditEvent.objects.filter(kind="account.locked").exists()


@pytest.mark.django_db
def test_success_clears_earlier_failures(client):
    make_user("officer", roles.OFFICER)
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer").status_code == 302
    client.post("/accounts/sign-out/")
    for _ in range(MAX_FAILURES - 1):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer").status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email_and_it_ends_a_lockout(client):
    make_user("officer", roles.OFFICER)
    for _ in range(MAX_FAILURES):
        sign_in(client, "officer", "wrong")
    assert (
        client.post("/accounts/password-reset/", {"email": "officer@example.gov.uk"}).status_code
        == 302
    )
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session one
    new = "a much longer new passphrase 42"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert sign_in(client, "officer", new).status_code == 302
