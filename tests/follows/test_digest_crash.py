"""A digest run killed half-way (SIGKILL) and run again: every follower gets each item
exactly once, through production's mail path (the message queued in the database in the
transaction that records it in the sent log, then sent by the worker's task)."""

import email
import os
import signal
import subprocess
import sys
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest

from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from wagtail.models import PageLogEntry

from core.mail import send_queued_email
from follows.digest import send_digests
from follows.models import SentItem, Subscription
from tests.factories import NewsArticlePageFactory, build_site
from tests.follows.helpers import publish, subscribe

ROOT = Path(__file__).resolve().parents[2]
FOLLOWERS = 12
QUEUED = {
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    "EMAIL_BACKEND": "core.mail.QueuedEmailBackend",
    "QUEUED_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_run():
    """``send_follow_digests --rhythm daily`` in its own process, on this test's database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.follows.queued_settings",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_follow_digests", "--rhythm", "daily"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def queued_messages():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.order_by("enqueued_at"))


# serialized_rollback, as every transactional test here: a plain flush would leave the next
# tests without the groups and workflows of the data migrations.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_run_run_again_tells_everyone_everything_once():
    site = build_site(translate_to_english=False)
    now = timezone.now()
    PageLogEntry.objects.update(timestamp=now - timedelta(days=60))
    article = site.lt["article"]
    second = NewsArticlePageFactory(parent=site.lt["news_index"], title="Antroji naujiena")
    second.tags.add("darbo grupės")
    second.save()
    publish(article, now - timedelta(hours=2))
    publish(second, now - timedelta(hours=1))
    for number in range(FOLLOWERS):
        subscribe(f"sekejas{number}@example.lt", Subscription.Kind.TOPIC, topic=article.tags.get())

    run = start_run()
    first_line = run.stdout.readline()  # the first digest is queued and recorded
    run.send_signal(signal.SIGKILL)
    run.wait()
    errors = run.stderr.read()
    run.stdout.close()
    run.stderr.close()
    assert first_line.startswith("Digest 1 sent"), first_line + errors
    served = SentItem.objects.values("email").distinct().count()
    assert 1 <= served < FOLLOWERS, "the run was not killed half-way"
    # The sent log and the queued messages were committed together, or not at all.
    assert len(queued_messages()) == served

    with override_settings(**QUEUED):
        assert send_digests("daily") == (FOLLOWERS - served, 2 * (FOLLOWERS - served))
        assert send_digests("daily") == (0, 0)
        for result in queued_messages():  # what the worker does with each queued message
            send_queued_email.call(*result.args_kwargs["args"])

    received = {}
    for message in mail.outbox:
        [address] = message.to
        parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
        received.setdefault(address, []).append(parsed.get_body(("plain",)).get_content())
    assert len(received) == FOLLOWERS
    for address, bodies in received.items():
        assert len(bodies) == 1, address
        assert bodies[0].count("* Sudarytos darbo grupės") == 1
        assert bodies[0].count("* Antroji naujiena") == 1
