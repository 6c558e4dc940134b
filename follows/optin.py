"""Double opt-in: a reader's request stores an unconfirmed subscription and e-mails a link;
only opening it (and pressing its button) confirms.

The link carries JSON signed by ``django.core.signing`` with a salt of its own and a
lifetime of 7 days: the id of the subscription it was sent for, not the address (a link
ends up in server logs). Nothing read from a link is unpickled; a key without the signer's
separators (an old pickled format) is refused unread.

At most one confirmation e-mail a day to an address: when the address has an unconfirmed
subscription requested in the last 24 hours, a new request is stored unconfirmed and no
e-mail goes: the link already sent lists every unconfirmed subscription of its address, so
it confirms the new one too. The answer on the site is the same either way, so it tells
nobody what an address follows.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.signed_links import LinkRefused, read
from core.titles import without_control_characters
from feedback import conf as feedback_conf
from follows import links
from follows.models import Subscription

logger = logging.getLogger(__name__)

CONFIRM_SALT = "follows.confirm"
CONFIRM_VALID_FOR = timedelta(days=7)
ONE_EMAIL_PER = timedelta(hours=24)


def confirmation_key(subscription):
    return signing.dumps({"subscription": subscription.pk}, salt=CONFIRM_SALT)


def read_confirmation_key(key):
    """The subscription id a confirmation link names, or ``LinkRefused``."""
    payload = read(key, CONFIRM_SALT, CONFIRM_VALID_FOR, older_format_without_colons=True)
    value = payload.get("subscription")
    if not isinstance(value, int) or isinstance(value, bool):
        raise LinkRefused("damaged")
    return value


def pending_of(email):
    """The unconfirmed subscriptions of an address."""
    return Subscription.objects.filter(email__iexact=email, confirmed_at__isnull=True)


def request(email, lookup, language, rhythm):
    """A reader asks ``email`` to follow what ``lookup`` names: store it unconfirmed (or
    update the unconfirmed request) and say whether a confirmation e-mail is due.

    A confirmed subscription is left as it is: a request proves nothing about who typed the
    address (its owner changes it through the links of the e-mails). Returns
    ``(subscription, send_email)``."""
    now = timezone.now()
    with transaction.atomic():
        recent = pending_of(email).filter(created_at__gt=now - ONE_EMAIL_PER).exists()
        subscription = Subscription.objects.filter(email__iexact=email, **lookup).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email, language=language, rhythm=rhythm, **lookup
                    )
            except IntegrityError:  # the same request, a moment earlier
                return Subscription.objects.get(email__iexact=email, **lookup), False
            return subscription, not recent
        if subscription.confirmed_at is not None:
            return subscription, False
        subscription.language, subscription.rhythm = language, rhythm
        fields = ["language", "rhythm"]
        if not recent:
            # Requested again after a day: a new e-mail, and its day counts from now.
            subscription.created_at = now
            fields.append("created_at")
        subscription.save(update_fields=fields)
        return subscription, not recent


def send_confirmation(subscription, title, page=None):
    """E-mail the confirmation link of ``subscription`` in its language."""
    with translation.override(subscription.language):
        url = reverse("follows:confirm", args=[confirmation_key(subscription)])
        context = {
            "title": without_control_characters(title),
            "rhythm": subscription.get_rhythm_display(),
            "confirmation_url": feedback_conf.site_url() + url,
            "questions_to": feedback_conf.reply_address(page),
            "valid_days": CONFIRM_VALID_FOR.days,
            "manage_url": links.manage_url(subscription.email),
        }
        message = EmailMultiAlternatives(
            _("Confirm that you want to follow “%(title)s”") % {"title": context["title"]},
            render_to_string("follows/emails/confirm.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [subscription.email],
            reply_to=[context["questions_to"]] if context["questions_to"] else None,
        )
        message.attach_alternative(
            render_to_string("follows/emails/confirm.html", context), "text/html"
        )
    message.send()


def confirm(subscriptions):
    """Confirm ``subscriptions`` (a queryset of unconfirmed ones)."""
    return subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())
