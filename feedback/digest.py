"""The moderators' e-mail digest of comments that wait for review."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from wagtail.models import Page

from feedback import conf
from feedback.models import PublicComment


def pending_comments():
    comments = list(
        PublicComment.objects.select_related(None).pending_review().order_by("submit_date", "pk")
    )
    pks = {int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()}
    pages = {str(page.pk): page for page in Page.objects.filter(pk__in=pks)}
    for comment in comments:
        comment.page = pages.get(comment.object_pk)
        comment.admin_url = conf.site_url() + reverse("feedback_admin:thread", args=[comment.pk])
    return comments


def moderators():
    """Active users with an e-mail address who hold ``feedback.moderate_comment``."""
    users = get_user_model().objects.with_perm(
        "feedback.moderate_comment", include_superusers=conf.digest_to_superusers()
    )
    return list(users.filter(is_active=True).exclude(Q(email="") | Q(email__isnull=True)))


def user_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile is not None else None
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def send_digest(extra_recipients=(), dry_run=False):
    """E-mail every moderator the list of held and hidden comments. Returns
    ``(number of comments, recipient addresses)``; sends nothing when none wait."""
    comments = pending_comments()
    if not comments:
        return 0, []
    recipients = [(user.email, user_language(user)) for user in moderators()]
    recipients += [(address, settings.LANGUAGE_CODE) for address in extra_recipients]
    seen = set()
    sent_to = []
    for address, language in recipients:
        if address.lower() in seen:
            continue
        seen.add(address.lower())
        sent_to.append(address)
        if dry_run:
            continue
        with translation.override(language):
            context = {
                "comments": comments,
                "queue_url": conf.site_url() + reverse("feedback_admin:queue"),
            }
            subject = ngettext(
                "%(count)d comment waits for moderation",
                "%(count)d comments wait for moderation",
                len(comments),
            ) % {"count": len(comments)}
            message = EmailMultiAlternatives(
                subject,
                render_to_string("feedback/emails/digest.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
            message.attach_alternative(
                render_to_string("feedback/emails/digest.html", context), "text/html"
            )
            message.send()
    return len(comments), sent_to
