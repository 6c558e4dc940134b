"""Reading the signed links the site e-mails (confirming a comment or a subscription,
unsubscribing, managing subscriptions, opening one's data).

Each link carries a JSON object signed by ``django.core.signing`` with a salt of its own and
a lifetime; the apps make the keys and check what the object holds. Nothing read from a link
is ever unpickled.
"""

from django.core import signing


class LinkRefused(Exception):
    """A link that cannot be used; ``reason``: ``"damaged"``, ``"expired"`` or
    ``"outdated"`` (a key in a format the site no longer sends)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def read(key, salt, valid_for, *, older_format_without_colons=False):
    """The JSON object signed in ``key``, or ``LinkRefused``. ``django.core.signing``
    separates value, time and signature with ":"; where the site once sent links of another
    format without them (django-comments-xtd's signed pickles), such a key is refused unread
    as ``"outdated"``."""
    if older_format_without_colons and ":" not in key:
        raise LinkRefused("outdated")
    try:
        payload = signing.loads(key, salt=salt, max_age=valid_for)
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except (signing.BadSignature, ValueError):
        raise LinkRefused("damaged") from None
    if not isinstance(payload, dict):
        raise LinkRefused("damaged")
    return payload
