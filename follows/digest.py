"""The followers' digests: one calm e-mail per address and run of a rhythm, grouped by
followed thing, newest first, nothing told twice, nothing sent when there is nothing.

Windows. A run looks back further than its rhythm (``LOOKBACK``), never before a
subscription was confirmed, and the sent log (``SentItem``) drops what was told already: a
run that comes late, is skipped or is run again loses nothing and repeats nothing. A daily
or weekly digest goes to an address at most once in its period (``MIN_GAP``), however often
the command is run.

Claim and record, in this order, per address, in one database transaction:

1. lock the address's subscriptions of the rhythm (``SELECT … FOR UPDATE SKIP LOCKED``: a
   second run at the same time leaves the address to the first);
2. read the items, less those the sent log holds;
3. write the sent log's rows for them;
4. hand the e-mail to the mail backend;
5. commit.

In production the backend is ``core.mail.QueuedEmailBackend`` and the task queue is in the
same PostgreSQL database: step 4 writes the queued message in the transaction of step 3, so
the log and the message are committed together or not at all, and a crash anywhere
(SIGKILL included) neither loses a digest nor sends one twice; the worker sends it. With a
backend that sends at once (SMTP without the queue, the immediate task backend) the message
leaves in step 4 and the commit follows at once: a crash before the server accepted it
records nothing, so the next run sends it; only a crash between the server's acceptance and
the commit (a moment) sends that one digest again. That is the trade-off we chose: a
follower may, in that moment, get one digest twice; never none.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.titles import without_control_characters
from feedback import conf
from follows import items, links
from follows.models import SentItem, Subscription

Rhythm = Subscription.Rhythm

LOOKBACK = {
    Rhythm.IMMEDIATE: timedelta(days=1),
    Rhythm.DAILY: timedelta(days=2),
    Rhythm.WEEKLY: timedelta(days=14),
}
MIN_GAP = {
    Rhythm.IMMEDIATE: timedelta(0),
    Rhythm.DAILY: timedelta(hours=20),
    Rhythm.WEEKLY: timedelta(days=6, hours=20),
}
# Rows older than every look-back can match no window: they are pruned.
KEEP_SENT_LOG = max(LOOKBACK.values()) + timedelta(days=1)


@dataclass
class Entry:
    """What the digest shows under one link: the items of one entry, newest first."""

    title: str
    url: str
    items: list = field(default_factory=list)

    @property
    def at(self):
        return self.items[0].at


@dataclass
class Section:
    """One followed thing and its entries, newest first."""

    title: str
    url: str
    stop_url: str
    entries: list


@dataclass
class Digest:
    """One e-mail: its address, language, sections, and the keys it tells."""

    email: str
    language: str
    sections: list
    keys: set
    subscriptions: list

    @property
    def count(self):
        return sum(len(section.entries) for section in self.sections)


def entries_of(found):
    """The items grouped by entry, each entry's items and the entries newest first."""
    grouped = {}
    for item in sorted(found, key=lambda item: item.at, reverse=True):
        entry = grouped.setdefault(item.entry, Entry(item.title, item.url))
        entry.items.append(item)
    return list(grouped.values())


def build_digest(email, subscriptions, now, sent_keys=frozenset()):
    """The digest of ``subscriptions`` (one address's, of one rhythm) at ``now``, less the
    items of ``sent_keys`` and each item once (in the first section that has it); ``None``
    when there is nothing to tell."""
    language = max(subscriptions, key=lambda s: (s.confirmed_at, s.pk)).language
    told, sections = set(sent_keys), []
    for subscription in subscriptions:
        since = max(subscription.confirmed_at, now - LOOKBACK[subscription.rhythm])
        with translation.override(subscription.language):
            found = items.followed(subscription, since, now)
            if found is None:
                continue
            fresh = [item for item in found.items if item.key not in told]
            told |= {item.key for item in fresh}
            if fresh:
                sections.append(
                    Section(
                        found.title,
                        found.url,
                        links.unsubscribe_url(subscription),
                        entries_of(fresh),
                    )
                )
    if not sections:
        return None
    sections.sort(key=lambda section: section.entries[0].at, reverse=True)
    return Digest(email, language, sections, told - set(sent_keys), subscriptions)


def message_of(digest):
    """The e-mail of ``digest``: text and HTML, in its language, with the RFC 8058 headers
    (a mail client's "Unsubscribe" stops every subscription the digest is of)."""
    with translation.override(digest.language):
        unsubscribe = links.unsubscribe_url(*digest.subscriptions)
        questions_to = conf.reply_address(None)
        context = {
            "digest": digest,
            "sections": digest.sections,
            "count": digest.count,
            "unsubscribe_url": unsubscribe,
            "manage_url": links.manage_url(digest.email),
            "questions_to": questions_to,
        }
        subject = ngettext(
            "%(site)s: %(count)s update on what you follow",
            "%(site)s: %(count)s updates on what you follow",
            digest.count,
        ) % {"site": _("Strategic plan"), "count": digest.count}
        message = EmailMultiAlternatives(
            without_control_characters(subject),
            render_to_string("follows/emails/digest.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [digest.email],
            reply_to=[questions_to] if questions_to else None,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                # RFC 3834: no vacation replies to a digest.
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(
            render_to_string("follows/emails/digest.html", context), "text/html"
        )
    return message


def addresses(rhythm):
    """The addresses (lower case) with confirmed subscriptions of ``rhythm``."""
    return list(
        Subscription.objects.filter(rhythm=rhythm, confirmed_at__isnull=False)
        .annotate(address=Lower("email"))
        .values_list("address", flat=True)
        .distinct()
        .order_by("address")
    )


def send_to(address, rhythm, now):
    """Claim, record and send the digest of one address (see the module's docstring).
    Returns the number of entries sent (0: nothing to tell, or not due)."""
    with transaction.atomic():
        subscriptions = list(
            Subscription.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(email__iexact=address, rhythm=rhythm, confirmed_at__isnull=False)
            .select_related("page", "topic")
            .order_by("pk")
        )
        if not subscriptions:
            return 0
        if (
            MIN_GAP[rhythm]
            and SentItem.objects.filter(
                email=address, rhythm=rhythm, sent_at__gt=now - MIN_GAP[rhythm]
            ).exists()
        ):
            return 0
        sent = set(
            SentItem.objects.filter(email=address, sent_at__gte=now - KEEP_SENT_LOG).values_list(
                "key", flat=True
            )
        )
        digest = build_digest(address, subscriptions, now, sent)
        if digest is None:
            return 0
        SentItem.objects.bulk_create(
            SentItem(email=address, key=key, rhythm=rhythm, sent_at=now) for key in digest.keys
        )
        message_of(digest).send()
    return digest.count


def send_digests(rhythm, now=None, progress=None):
    """Send every due digest of ``rhythm``; returns ``(digests, entries)`` sent.
    ``progress(n, entries)`` is called after each digest is sent and recorded."""
    now = now or timezone.now()
    SentItem.objects.filter(sent_at__lt=now - KEEP_SENT_LOG).delete()
    digests = total = 0
    for address in addresses(rhythm):
        count = send_to(address, rhythm, now)
        if count:
            digests += 1
            total += count
            if progress is not None:
                progress(digests, count)
    return digests, total
