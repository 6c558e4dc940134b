"""The signed links of the comment e-mails: confirming a comment, stopping notifications
(of new comments on a page; of what becomes of one's own comments).

A link carries JSON signed by ``django.core.signing``, with a salt of its own (a
confirmation link is no unsubscribe link, nor the other way round) and a lifetime. Nothing
read from a link is ever unpickled: the links django-comments-xtd used to send (a signed
pickle, which runs code for anyone who knows ``SECRET_KEY``) are refused unread.
"""

from datetime import timedelta

from django.core import signing

from core.signed_links import LinkRefused, read

CONFIRM_SALT = "feedback.confirm"
CONFIRM_VALID_FOR = timedelta(days=7)
MUTE_SALT = "feedback.mute"
MUTE_VALID_FOR = timedelta(days=365)
# The author's e-mails can come long after the comment (an official answer months later),
# and an unsubscribe link is clicked in old mail too.
AUTHOR_NOTICES_SALT = "feedback.author-notices"
AUTHOR_NOTICES_VALID_FOR = timedelta(days=2 * 365)


def confirmation_key(pending):
    """The key of the confirmation link of a pending comment (a dict of JSON values)."""
    return signing.dumps(pending, salt=CONFIRM_SALT, compress=True)


def read_confirmation_key(key):
    """The pending comment a confirmation link carries, or ``LinkRefused``."""
    return read(key, CONFIRM_SALT, CONFIRM_VALID_FOR, older_format_without_colons=True)


def mute_key(page_id, email):
    """The key of the link that stops ``email``'s notifications about a page."""
    return signing.dumps({"page": page_id, "email": email}, salt=MUTE_SALT, compress=True)


def read_mute_key(key):
    """``(page id, e-mail address)`` of an unsubscribe link, or ``LinkRefused``."""
    payload = read(key, MUTE_SALT, MUTE_VALID_FOR, older_format_without_colons=True)
    page_id, email = payload.get("page"), payload.get("email")
    if not isinstance(page_id, int) or not isinstance(email, str):
        raise LinkRefused("damaged")
    return page_id, email


def author_notices_key(comment_id):
    """The key of the link that stops the e-mails about its author's comments. It names the
    comment, not the address: an address would be readable in the link (signed, not
    encrypted), hence in web server logs."""
    return signing.dumps({"comment": comment_id}, salt=AUTHOR_NOTICES_SALT)


def read_author_notices_key(key):
    """The comment id of a link that stops the author's e-mails, or ``LinkRefused``."""
    payload = read(
        key, AUTHOR_NOTICES_SALT, AUTHOR_NOTICES_VALID_FOR, older_format_without_colons=True
    )
    comment_id = payload.get("comment")
    if not isinstance(comment_id, int) or isinstance(comment_id, bool):
        raise LinkRefused("damaged")
    return comment_id
