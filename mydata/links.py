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

from core.signed_links import LinkRefused, read

SALT = "mydata.access"
VALID_FOR = timedelta(hours=24)


def access_key(email):
    """The key of the link that opens ``email``'s data."""
    return signing.dumps({"email": email}, salt=SALT)


def read_access_key(key):
    """The e-mail address of a "my data" link, or ``LinkRefused``."""
    payload = read(key, SALT, VALID_FOR)
    email = payload.get("email")
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        raise LinkRefused("damaged")
    return email
