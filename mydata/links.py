"""The signed "my data" link: the e-mail address it opens the data of, as JSON signed by
``django.core.signing`` with a salt of its own and a short lifetime. Nothing read from it is
unpickled. Whoever holds the link can read and erase that address's data: it goes only to
the address itself, and stops working after ``VALID_FOR``.

The address is readable in the link (signed, not encrypted), as it is in the database: the
pages of the link are never cached and send no Referer to other sites
(``Referrer-Policy: same-origin``).
"""

from datetime import timedelta

from django.core import signing

SALT = "mydata.access"
VALID_FOR = timedelta(hours=24)


class LinkRefused(Exception):
    """A link that cannot be used; ``reason``: ``"damaged"`` or ``"expired"``."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def access_key(email):
    """The key of the link that opens ``email``'s data."""
    return signing.dumps({"email": email}, salt=SALT)


def read_access_key(key):
    """The e-mail address of a "my data" link, or ``LinkRefused``."""
    try:
        payload = signing.loads(key, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except (signing.BadSignature, ValueError):
        raise LinkRefused("damaged") from None
    email = payload.get("email") if isinstance(payload, dict) else None
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        raise LinkRefused("damaged")
    return email
