"""The mailbox job where no mailbox is set up: scheduled everywhere, so a quiet no-op."""

from io import StringIO

import pytest
from django.core.management import call_command

from complaintsdesk.correspondence.models import MailboxMessage


@pytest.mark.django_db
def test_no_mailbox_set_up_is_a_quiet_no_op(settings):
    settings.MAILBOX = {**settings.MAILBOX, "HOST": ""}
    out = StringIO()
    call_command("mailbox", stdout=out)
    assert out.getvalue().strip() == "No shared mailbox is set up (COMPLAINTSDESK_MAILBOX_HOST)."
    assert not MailboxMessage.objects.exists()
