"""Helpers for the comment tests: posting like a browser, reading the confirmation e-mail."""

import re
import time

from django.core import mail
from django.utils import timezone

from feedback.forms import PublicCommentForm
from feedback.models import PublicComment
from feedback.threads import comments_changed

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/comments/confirm/[^\s\"'<>/]+/")
MUTE_LINK = re.compile(r"https?://[^\s\"'<>]+/comments/mute/[^\s\"'<>/]+/")


def security_data(page, timestamp=None):
    """The hidden fields of a fresh comment form (content type, object, timestamp, hash)."""
    form = PublicCommentForm(page)
    data = form.generate_security_data()
    if timestamp is not None:
        data["timestamp"] = str(int(timestamp))
        data["security_hash"] = form.initial_security_hash(int(timestamp))
    return data


def comment_data(
    page,
    *,
    name="Ona Alytiškė",
    email="ona@example.lt",
    comment="Gera mintis.",
    url="",
    section="",
    reply_to=0,
    followup=False,
    timestamp=None,
    **extra,
):
    data = {
        **security_data(page, timestamp),
        "name": name,
        "email": email,
        "url": url,
        "comment": comment,
        "section": section,
        "reply_to": str(reply_to),
        "honeypot": "",
    }
    if followup:
        data["followup"] = "on"
    data.update(extra)
    return data


def post_comment(client, page, language="lt", headers=None, **kwargs):
    return client.post(
        f"/{language}/comments/post/", comment_data(page, **kwargs), **(headers or {})
    )


def confirmation_links(messages=None):
    messages = mail.outbox if messages is None else messages
    return [
        CONFIRM_LINK.search(message.body).group(0)
        for message in messages
        if CONFIRM_LINK.search(message.body)
    ]


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def post_and_confirm(client, page, **kwargs):
    """Post a comment and open the link of its confirmation e-mail; return the stored comment."""
    before = len(mail.outbox)
    response = post_comment(client, page, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    links = confirmation_links(mail.outbox[before:])
    assert len(links) == 1
    response = client.get(path_of(links[0]))
    assert response.status_code in (200, 302)
    return PublicComment.objects.latest("pk"), response


def make_comment(page, *, status=PublicComment.Status.PUBLISHED, parent=None, **fields):
    """A comment stored directly (as if confirmed), for tests of rendering and moderation.
    Its page's comment list is made stale, as the confirmation and moderation do."""
    values = {
        "content_type_id": page.content_type_id,
        "object_pk": str(page.pk),
        "site_id": 1,
        "user_name": "Jonas",
        "user_email": "jonas@example.lt",
        "comment": "Pritariu.",
        "submit_date": timezone.now(),
        "status": status,
        "is_public": status == PublicComment.Status.PUBLISHED,
        "is_removed": status in (PublicComment.Status.REMOVED, PublicComment.Status.SPAM),
        "parent_id": parent.pk if parent else 0,
        "section_id": parent.section_id if parent else "",
    }
    values.update(fields)
    comment = PublicComment(**values)
    comment.save()
    comments_changed([page])
    return comment


def expired_timestamp():
    return time.time() - 3 * 60 * 60
