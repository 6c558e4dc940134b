"""The e-mails of public comments: the confirmation request and follow-up notifications.

The confirmation request goes to whatever address was typed into the form, so it must not
carry a stranger's message to it: it quotes a short excerpt of the comment with every link
replaced by a placeholder, and greets the name with its links replaced likewise.
"""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from feedback import links
from feedback.models import PublicComment

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


def send(subject, template, context, to):
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"feedback/emails/{template}.txt", context),
        settings.COMMENTS_XTD_FROM_EMAIL,
        [to],
    )
    message.attach_alternative(
        render_to_string(f"feedback/emails/{template}.html", context), "text/html"
    )
    message.send()


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
            "contact": settings.COMMENTS_XTD_CONTACT_EMAIL,
        },
        pending["email"],
    )


def send_followup(comment, page):
    """Tell the readers who follow ``page`` of a new published comment (its author excepted),
    each with a link that stops the notifications."""
    followers = {}
    for email, name in (
        PublicComment.objects.published()
        .filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk)
        .filter(followup=True)
        .exclude(user_email__iexact=comment.user_email)
        .order_by("pk")
        .values_list("user_email", "user_name")
    ):
        followers.setdefault(email.lower(), (email, name))
    for email, name in followers.values():
        mute_url = reverse("feedback-mute", args=[links.mute_key(page.pk, email)])
        send(
            _("A new comment"),
            "followup",
            {"user_name": name, "comment": comment, "content_object": page, "mute_url": mute_url},
            email,
        )
