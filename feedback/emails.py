"""The e-mails of public comments to residents: the confirmation request, follow-up
notifications, and what becomes of their own comment (published, not published, answered).

The confirmation request goes to whatever address was typed into the form, so it must not
carry a stranger's message to it: it quotes a short excerpt of the comment with every link
replaced by a placeholder, and greets the name with its links replaced likewise. The other
e-mails go to addresses that confirmed the comment.

Every e-mail gives residents an address to write to with questions (``conf.reply_address``,
the e-mail's Reply-To). A notification never breaks the action that sends it: one that
cannot be sent is logged (which e-mail, not to whom) and the action completes.
"""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.titles import without_control_characters
from feedback import conf, links
from feedback.models import PublicComment

logger = logging.getLogger(__name__)

EXCERPT_LENGTH = 160

# A word a mail client could turn into a link: one with a scheme, a name with a dot before
# two letters or more (a domain of any kind, "www.", an e-mail address), an IP address.
# "mieste.Tai" (a missing space) is replaced too: better than a link let through.
LINK_LIKE = re.compile(
    r"""(?ix)
    :// | \b(?:https?|ftps?|mailto|tel|sms|file|data|javascript)\s*:
    | [^\W_]\.[^\W\d_]{2,}
    | \d{1,3}(?:\.\d{1,3}){3}
    """
)


def without_links(text):
    """``text`` on one line, each word that could be a link replaced by "[link]"."""
    placeholder = _("[link]")
    return " ".join(placeholder if LINK_LIKE.search(word) else word for word in str(text).split())


def excerpt(text, length=EXCERPT_LENGTH):
    """At most ``length`` characters of ``text`` without links, cut after a word, with "…"
    when something is left out."""
    text = without_links(text)
    if len(text) <= length:
        return text
    cut = text[:length]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[: length - 1]
    return cut + "…"


def send(subject, template, context, to, *, page=None, headers=None):
    """Send one e-mail to a resident, its plain text and HTML parts from
    ``feedback/emails/<template>``, with the address for questions about ``page``."""
    questions_to = conf.reply_address(page)
    context = {**context, "questions_to": questions_to}
    message = EmailMultiAlternatives(
        without_control_characters(str(subject)),
        render_to_string(f"feedback/emails/{template}.txt", context),
        settings.COMMENTS_XTD_FROM_EMAIL,
        [to],
        reply_to=[questions_to] if questions_to else None,
        headers=headers,
    )
    message.attach_alternative(
        render_to_string(f"feedback/emails/{template}.html", context), "text/html"
    )
    message.send()


def send_notification(subject, template, context, to, **kwargs):
    """``send`` for a notification, which never fails its action: a failure is logged."""
    try:
        send(subject, template, context, to, **kwargs)
    except Exception as error:
        # Not logger.exception: the traceback may hold the recipient's address.
        logger.error("The %s e-mail could not be sent: %s", template, type(error).__name__)


def send_confirmation_request(page, pending, key):
    """Ask the author of a pending comment to open its confirmation link."""
    send(
        _("Confirm your comment"),
        "confirmation_request",
        {
            "name": without_links(pending["name"]),
            "page": page,
            "excerpt": excerpt(pending["text"]),
            "confirmation_url": reverse("feedback-confirm", args=[key]),
        },
        pending["email"],
        page=page,
    )


def send_followup(comment, page, told=()):
    """Tell the readers who follow ``page`` of a new published comment (its author and the
    addresses in ``told``, which hear of it otherwise, excepted), each with a link that stops
    the notifications."""
    told = {address.lower() for address in told}
    followers = {}
    for email, name in (
        PublicComment.objects.published()
        .filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk)
        .filter(followup=True)
        .exclude(user_email__iexact=comment.user_email)
        .order_by("pk")
        .values_list("user_email", "user_name")
    ):
        if email.lower() not in told:
            followers.setdefault(email.lower(), (email, name))
    for email, name in followers.values():
        mute_url = reverse("feedback-mute", args=[links.mute_key(page.pk, email)])
        send_notification(
            _("A new comment"),
            "followup",
            {"user_name": name, "comment": comment, "content_object": page, "mute_url": mute_url},
            email,
            page=page,
        )


# --- What becomes of a resident's own comment ----------------------------------------------


def send_author_notice(comment, page, subject, template, **context):
    """An e-mail to the author of ``comment`` about it, with the one-click link that stops
    these e-mails (RFC 8058: mail clients show an "Unsubscribe" button that POSTs to it)."""
    stop_url = conf.site_url() + reverse(
        "feedback-stop-notices", args=[links.author_notices_key(comment.pk)]
    )
    send_notification(
        subject,
        template,
        {
            "name": comment.user_name,
            "comment": comment,
            "page": page,
            "title": without_control_characters(page.title),
            "stop_url": stop_url,
            **context,
        },
        comment.user_email,
        page=page,
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_published_notice(comment, page):
    send_author_notice(
        comment,
        page,
        _("Your comment on “%(title)s” is published")
        % {"title": without_control_characters(page.title)},
        "comment_published",
        excerpt=excerpt(comment.comment),
    )


def send_rejection_notice(comment, page):
    """The author of a comment a moderator did not publish: the reason, and their text."""
    send_author_notice(
        comment,
        page,
        _("Your comment on “%(title)s” was not published")
        % {"title": without_control_characters(page.title)},
        "comment_rejected",
        reason=comment.get_removal_reason_display() if comment.removal_reason else "",
        note=comment.removal_note,
    )


def send_answer_notice(comment, answer, page):
    """The author of ``comment``: the municipality's official answer to it."""
    author = conf.official_author()
    send_author_notice(
        comment,
        page,
        _("%(municipality)s answered your comment on “%(title)s”")
        % {"municipality": author, "title": without_control_characters(page.title)},
        "comment_answered",
        answer=answer,
        official_author=author,
        excerpt=excerpt(comment.comment),
    )


def send_disposition_notice(comment, disposition, page):
    """The author of ``comment``: what the municipality decided about it ("You said — we
    did"), with the reasons."""
    author = conf.official_author()
    send_author_notice(
        comment,
        page,
        _("%(municipality)s decided on your comment on “%(title)s”")
        % {"municipality": author, "title": without_control_characters(page.title)},
        "comment_disposition",
        disposition=disposition,
        official_author=author,
        excerpt=excerpt(comment.comment),
    )
