"""Receivers that plug this app's rules into django-comments-xtd's posting flow."""

import django_comments_xtd.views  # noqa: F401  (connects xtd's posting receivers)
from django_comments_xtd import get_model
from django_comments_xtd.models import publish_or_unpublish_on_pre_save
from django_comments_xtd.signals import confirmation_received

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from feedback import moderation
from feedback.models import CommentableMixin, PublicComment


def detach_reply_cascade():
    """Disconnect xtd's pre_save handler that copies a comment's visibility to its replies
    (see FeedbackConfig.ready)."""
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=get_model())


@receiver(confirmation_received)
def apply_moderation_rules(sender, comment, request, **kwargs):
    """When the e-mail address is confirmed: discard comments from blacklisted domains, and
    hold the comment for a moderator when a rule says so.

    ``comment`` is xtd's temporary comment (a dict) that is about to be stored. For a signed-in
    user xtd stores the comment without e-mail confirmation and sends this signal afterwards,
    with the stored comment in ``comment.xtd_comment``.
    """
    if moderation.is_blacklisted_email(comment.user_email):
        return False
    reasons = moderation.hold_reasons(
        name=comment.user_name,
        email=comment.user_email,
        url=comment.user_url,
        text=comment.comment,
        user=comment.user,
    )
    if not reasons:
        return True
    comment["status"] = PublicComment.Status.HELD
    comment["is_public"] = False
    comment["held_reasons"] = reasons
    stored = comment.get("xtd_comment")
    if stored is not None:
        PublicComment.objects.filter(pk=stored.pk).update(
            status=PublicComment.Status.HELD, is_public=False, held_reasons=reasons
        )
    return True


def delete_comments_of_page(sender, instance, **kwargs):
    """A deleted page takes its comments (names, e-mail addresses) with it."""
    PublicComment.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_pk=str(instance.pk)
    ).delete()


def connect_page_deletion():
    for model in apps.get_models():
        if issubclass(model, CommentableMixin):
            post_delete.connect(
                delete_comments_of_page,
                sender=model,
                dispatch_uid=f"feedback-comments-of-{model._meta.label}",
            )
