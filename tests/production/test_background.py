"""Background work: e-mail leaves the request as a task; the production queue is the
database backend, run by `manage.py db_worker`."""

import pytest
from django_tasks import task_backends

from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.management import call_command

# serialized_rollback like every transactional test here: a plain flush re-creates content
# types, which the next serialized_rollback test (tests/production/test_backup.py) restores
# again, with duplicate keys.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def test_mail_is_sent_through_the_immediate_backend(queued_mail):
    send_mail("Nauja pastaba", "Tekstas su ąčęėįšųūž.", "plan@example.org", ["ona@example.lt"])
    assert len(mail.outbox) == 1
    raw = mail.outbox[0].message().as_bytes().decode()
    assert "Subject: Nauja pastaba" in raw
    assert mail.outbox[0].recipients() == ["ona@example.lt"]


def test_mail_waits_in_the_database_queue_until_the_worker_runs(queued_mail, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS  # django-tasks rebuilds its backends on setting_changed
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    message = EmailMessage("Sprendimas", "Patvirtinta.", "plan@example.org", ["a@example.lt"])
    message.send()
    assert mail.outbox == []  # not sent in the request
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay")
    assert len(mail.outbox) == 1
    assert "Subject: Sprendimas" in mail.outbox[0].message().as_bytes().decode()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
