"""Helpers for the follow tests: subscriptions confirmed directly, publications at a time."""

import json
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import Page, PageLogEntry

from follows.models import Subscription
from plans.models import PlanDraftPage
from tests.factories import plan_tree_json


def quiet_history(site, now):
    """Move every publication so far out of every digest's window and set the drafts'
    consultation far from now; returns the site's pages fresh from the database."""
    PageLogEntry.objects.update(timestamp=now - timedelta(days=60))
    PlanDraftPage.objects.update(
        consultation_opens=now - timedelta(days=30), consultation_closes=now + timedelta(days=30)
    )
    return {
        language: {key: Page.objects.get(pk=page.pk).specific for key, page in pages.items()}
        for language, pages in (("lt", site.lt), ("en", site.en))
    }


def publish(page, at, **changes):
    """Publish ``page`` with ``changes`` as an editor would, logged at ``at``."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    PageLogEntry.objects.filter(revision=revision, action="wagtail.publish").update(timestamp=at)
    return revision


def subscribe(email, kind, *, language="lt", rhythm="daily", confirmed_at=None, **fields):
    """A subscription confirmed (by default a month ago), as the double opt-in leaves it."""
    return Subscription.objects.create(
        email=email,
        kind=kind,
        language=language,
        rhythm=rhythm,
        confirmed_at=confirmed_at or timezone.now() - timedelta(days=30),
        **fields,
    )


def two_trees(group):
    """Two versions of a plan tree of two priorities: the second renames priority 2's
    measure. Returns ``(first json, second json, [priority ids])``."""
    first, _indicators, _measures = plan_tree_json(2, [group.pk])
    tree = json.loads(first)
    measure = tree[1]["value"]["goals"][0]["value"]["objectives"][0]["value"]["measures"][0]
    measure["value"]["title"] = "Priemonė 2: dviračių takai"
    return first, json.dumps(tree), [priority["id"] for priority in tree]


def digests_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message):
    return next(content for content, kind in message.alternatives if kind == "text/html")
