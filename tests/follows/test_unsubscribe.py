"""Leaving: the one-click unsubscribe (RFC 8058), the manage page in both languages, and
bounces that stop all mail to an address at once."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from follows import links
from follows.digest import send_digests
from follows.models import Subscription
from tests.factories import WorkingGroupPageFactory
from tests.follows.helpers import publish, quiet_history, subscribe, two_trees

Kind = Subscription.Kind
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def pages(site_tree):
    return quiet_history(site_tree, timezone.now())


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_digest_one_click_unsubscribes_from_what_it_reports(pages, csrf_client):
    lt = pages["lt"]
    publish(lt["article"], timezone.now() - timedelta(hours=1))
    group = subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    topic = subscribe("ona@example.lt", Kind.TOPIC, topic=lt["article"].tags.get())
    weekly = subscribe("ona@example.lt", Kind.PLAN, page=lt["draft"], rhythm="weekly")
    send_digests("daily")

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == ONE_CLICK
    url = re.fullmatch(r"<(https?://[^>]+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert "/lt/follow/unsubscribe/" in url

    # A mail client's one-click POST: no cookie, no CSRF token.
    response = csrf_client.post(
        path_of(url), ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Pranešimų atsisakėte" in response.content.decode()
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert group.pk not in remaining and topic.pk not in remaining
    assert weekly.pk in remaining  # another digest's, untouched


def test_a_section_link_asks_first_then_stops_that_subscription_only(pages, csrf_client):
    lt = pages["lt"]
    group = subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    plan = subscribe("ona@example.lt", Kind.PLAN, page=lt["draft"])
    url = path_of(links.unsubscribe_url(group))

    response = csrf_client.get(url)  # what a mail scanner does: nothing changes
    assert response.status_code == 200
    assert "Ekonomikos ir verslo aplinkos darbo grupė" in response.content.decode()
    assert '<form method="post">' in response.content.decode()
    assert Subscription.objects.filter(pk=group.pk).exists()

    assert csrf_client.post(url).status_code == 200
    assert list(Subscription.objects.values_list("pk", flat=True)) == [plan.pk]


def test_a_damaged_or_foreign_link_is_refused_with_a_message(pages, client):
    lt = pages["lt"]
    group = subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    key = links.unsubscribe_key(group)
    for bad in (key[:-3] + "abc", links.manage_key("ona@example.lt")):
        response = client.post(f"/lt/follow/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "Nuoroda sugadinta" in response.content.decode()
    response = client.get(f"/en/follow/manage/{key}/")  # an unsubscribe key is no manage key
    assert response.status_code == 400
    assert "The link is damaged" in response.content.decode()
    assert Subscription.objects.filter(pk=group.pk).exists()


def test_manage_page_in_both_languages(pages, csrf_client):
    lt = pages["lt"]
    group = subscribe("Ona@Example.lt", Kind.GROUP, page=lt["group"])
    topic = subscribe("ona@example.lt", Kind.TOPIC, topic=lt["article"].tags.get(), rhythm="weekly")
    subscribe("jonas@example.lt", Kind.GROUP, page=lt["group"])
    key = links.manage_key("ona@example.lt")

    lithuanian = csrf_client.get(f"/lt/follow/manage/{key}/").content.decode()
    assert "Ką sekate" in lithuanian and "Kaip dažnai" in lithuanian
    assert "Ekonomikos ir verslo aplinkos darbo grupė" in lithuanian
    assert "darbo grupės" in lithuanian  # the topic
    assert "jonas@example.lt" not in lithuanian
    english = csrf_client.get(f"/en/follow/manage/{key}/").content.decode()
    assert "What you follow" in english and "How often" in english
    assert "Economy and business environment working group" in english
    (Path(__file__).resolve().parents[2] / ".cache" / "manage-lt.html").write_text(lithuanian)

    choices = {
        f"s{group.pk}-language": "en",
        f"s{group.pk}-rhythm": "immediate",
        f"s{topic.pk}-language": "lt",
        f"s{topic.pk}-rhythm": "weekly",
        f"s{topic.pk}-stop": "on",
    }
    assert csrf_client.post(f"/en/follow/manage/{key}/", choices).status_code == 403  # no token

    client = Client()
    page = client.get(f"/en/follow/manage/{key}/")
    token = page.cookies["csrftoken"].value
    response = client.post(f"/en/follow/manage/{key}/", {**choices, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Your choices are saved." in response.content.decode()
    group.refresh_from_db()
    assert (group.language, group.rhythm) == ("en", "immediate")
    assert not Subscription.objects.filter(pk=topic.pk).exists()

    response = client.post(
        f"/en/follow/manage/{key}/", {"stop_all": "", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert list(Subscription.objects.values_list("email", flat=True)) == ["jonas@example.lt"]


def test_a_bounced_address_is_stopped_at_once(pages, capsys):
    lt = pages["lt"]
    subscribe("Ona@Example.lt", Kind.GROUP, page=lt["group"])
    subscribe("ona@example.lt", Kind.PLAN, page=lt["draft"])
    subscribe("jonas@example.lt", Kind.GROUP, page=lt["group"])

    call_command("follows_bounce", "ona@example.LT")

    assert list(Subscription.objects.values_list("email", flat=True)) == ["jonas@example.lt"]
    assert "2 subscription(s) deleted" in capsys.readouterr().out


DSN = """\
From: MAILER-DAEMON@example.lt
To: no-reply@example.lt
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

The mail could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.lt

Final-Recipient: rfc822; {address}
Action: {action}
Status: {status}

--B--
"""


@pytest.mark.parametrize(
    ("action", "status", "stopped"), [("failed", "5.1.1", True), ("delayed", "4.4.1", False)]
)
def test_a_bounce_message_piped_by_the_mta(pages, monkeypatch, action, status, stopped):
    subscribe("jonas@example.lt", Kind.GROUP, page=pages["lt"]["group"])
    message = DSN.format(address="jonas@example.lt", action=action, status=status)
    stdin = io.TextIOWrapper(io.BytesIO(message.encode()))
    monkeypatch.setattr("sys.stdin", stdin)

    call_command("follows_bounce")

    assert Subscription.objects.exists() is not stopped


def test_the_manage_page_does_not_name_what_is_no_longer_public(pages, client):
    lt = pages["lt"]
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    PageViewRestriction.objects.create(
        page=lt["group"], restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    html = client.get(f"/lt/follow/manage/{links.manage_key('ona@example.lt')}/").content.decode()
    assert "Ekonomikos ir verslo aplinkos darbo grupė" not in html
    assert "puslapis, kuris nebėra viešas" in html  # still listed, so it can be stopped


def test_the_manage_page_names_a_long_list_in_the_queries_of_a_short_one(pages, client):
    """The names of an address's subscriptions are read for all of them at once (a query a
    kind of page), not a few queries for each row."""
    lt = pages["lt"]
    first, _second, priorities = two_trees(lt["group"])
    publish(lt["draft"], timezone.now(), plan_tree=first)
    subscribe("ona@example.lt", Kind.GROUP, page=lt["group"])
    subscribe("ona@example.lt", Kind.PLAN, page=lt["draft"])
    url = f"/lt/follow/manage/{links.manage_key('ona@example.lt')}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as short:
        client.get(url)

    other = WorkingGroupPageFactory(parent=lt["group_index"], title="Švietimo darbo grupė")
    subscribe("ona@example.lt", Kind.GROUP, page=other)
    subscribe("ona@example.lt", Kind.PRIORITY, page=lt["draft"], priority_id=priorities[1])
    subscribe("ona@example.lt", Kind.TOPIC, topic=lt["article"].tags.get())
    with CaptureQueriesContext(connection) as long:
        html = client.get(url).content.decode()

    assert "Ekonomikos ir verslo aplinkos darbo grupė" in html
    assert "Švietimo darbo grupė" in html
    assert "2. Prioritetas 2 („Plano projektas 0.1“)" in html
    assert "darbo grupės" in html  # the topic
    assert len(long) == len(short), "\n".join(q["sql"] for q in long.captured_queries)
