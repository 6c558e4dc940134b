"""E-mail out of the request: an e-mail backend that enqueues each message as a task.

Every e-mail the site sends (Wagtail's workflow notifications, the approvals' and the
comments' mail) goes through EMAIL_BACKEND. In production that is `QueuedEmailBackend`: the
request only stores a task (Django tasks, TASKS["default"]); the worker
(`manage.py db_worker`) sends the message with QUEUED_EMAIL_BACKEND (SMTP from EMAIL_URL).
With the immediate task backend (dev, tests) the message is sent at once.
"""

import base64

from django_tasks import task

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class _RenderedBytes:
    """What Django's mail backends read of a message: its bytes, in their line endings."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.raw.replace(b"\r\n", b"\n").replace(b"\n", linesep.encode())

    def get_charset(self):
        return None


class _RawMessage(EmailMessage):
    """A message already rendered to bytes (the queued copy), sent as it is."""

    def __init__(self, raw, from_email, recipients):
        super().__init__(from_email=from_email, to=recipients)
        self._raw = raw

    def message(self, *args, **kwargs):
        return _RenderedBytes(self._raw)

    def recipients(self):
        return self.to


@task()
def send_queued_email(raw_b64, from_email, recipients):
    connection = get_connection(settings.QUEUED_EMAIL_BACKEND)
    message = _RawMessage(base64.b64decode(raw_b64), from_email, recipients)
    return connection.send_messages([message])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = base64.b64encode(message.message().as_bytes()).decode("ascii")
            send_queued_email.enqueue(raw, message.from_email, recipients)
            sent += 1
        return sent
