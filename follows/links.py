"""The signed links of the digests: unsubscribing (one click, RFC 8058) and managing all of
an address's subscriptions.

A link carries JSON signed by ``django.core.signing`` with a salt of its own (an unsubscribe
link is no manage link) and a lifetime; nothing read from a link is unpickled. The
unsubscribe link names subscriptions by id, not the address. The manage link must name the
address (its subscriptions change over time): it is compressed, not encrypted, so whoever
reads the web server's logs can read it.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from core.signed_links import LinkRefused, read
from feedback import conf

UNSUBSCRIBE_SALT = "follows.unsubscribe"
# Unsubscribe links are clicked in old mail too.
UNSUBSCRIBE_VALID_FOR = timedelta(days=2 * 365)
MANAGE_SALT = "follows.manage"
MANAGE_VALID_FOR = timedelta(days=365)


def unsubscribe_key(*subscriptions):
    return signing.dumps({"s": sorted(s.pk for s in subscriptions)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_key(key):
    """The subscription ids an unsubscribe link names, or ``LinkRefused``."""
    ids = read(key, UNSUBSCRIBE_SALT, UNSUBSCRIBE_VALID_FOR).get("s")
    valid = isinstance(ids, list) and ids
    if not valid or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise LinkRefused("damaged")
    return ids


def unsubscribe_url(*subscriptions):
    """The absolute one-click unsubscribe address of ``subscriptions`` (one, or all that a
    digest reports), in the active language."""
    return conf.site_url() + reverse("follows:unsubscribe", args=[unsubscribe_key(*subscriptions)])


def manage_key(email):
    return signing.dumps({"e": email.strip().lower()}, salt=MANAGE_SALT, compress=True)


def read_manage_key(key):
    """The address a manage link names, or ``LinkRefused``."""
    email = read(key, MANAGE_SALT, MANAGE_VALID_FOR).get("e")
    if not isinstance(email, str) or "@" not in email:
        raise LinkRefused("damaged")
    return email


def manage_url(email):
    """The absolute address of the page that manages every subscription of ``email``."""
    return conf.site_url() + reverse("follows:manage", args=[manage_key(email)])
