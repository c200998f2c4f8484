"""A Django email backend that sends through GOV.UK Notify.

Notify sends from templates it holds, so the council sets up ONE generic template whose
subject is `((subject))` and body `((body))`; every message we render is passed through it.
Select it with DJANGO_EMAIL_BACKEND=complaintsdesk.notifications.backends.NotifyEmailBackend.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        fail_silently: bool = False,
        *,
        api_key: str | None = None,
        template_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.reply_to_id = getattr(settings, "NOTIFY_REPLY_TO_ID", "") or None
        if not self.api_key or not self.template_id:
            raise ImproperlyConfigured(
                "NotifyEmailBackend needs COMPLAINTSDESK_NOTIFY_API_KEY and "
                "COMPLAINTSDESK_NOTIFY_TEMPLATE_ID"
            )
        self.client: NotificationsAPIClient | None = None

    def open(self) -> bool:
        if self.client is None:
            self.client = NotificationsAPIClient(self.api_key)  # type: ignore[no-untyped-call]
            return True
        return False

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        opened = self.open()
        assert self.client is not None
        sent = 0
        try:
            for message in email_messages:
                # Notify sends to one address per call; a message counts as sent when all went.
                try:
                    for address in message.recipients():
                        self.client.send_email_notification(  # type: ignore[no-untyped-call]
                            email_address=address,
                            template_id=self.template_id,
                            personalisation={"subject": message.subject, "body": message.body},
                            email_reply_to_id=self.reply_to_id,
                        )
                except APIError:
                    if not self.fail_silently:
                        raise
                    continue
                sent += 1
        finally:
            if opened:
                self.close()
        return sent
