"""Receivers: a deleted page takes its comments, a page made public its consultation
reports; what of django-comments-xtd's is turned off."""

from django_comments.signals import comment_was_posted
from django_comments_xtd import get_model
from django_comments_xtd import views as xtd_views
from django_comments_xtd.models import TmpXtdComment, publish_or_unpublish_on_pre_save

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, pre_save

from wagtail.signals import page_published

from feedback.models import CommentableMixin, PublicComment
from feedback.reports import publish_reports


def detach_reply_cascade():
    """Disconnect xtd's pre_save handler that copies a comment's visibility to its replies
    (see FeedbackConfig.ready)."""
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=get_model())


def detach_xtd_posting():
    """Disconnect xtd's receiver of posted comments: it would store a comment past this app's
    rules, or e-mail a confirmation link that carries the comment as a pickle (which runs code
    for anyone who knows ``SECRET_KEY``). Posting and confirming are feedback.views'."""
    comment_was_posted.disconnect(xtd_views.on_comment_was_posted, sender=TmpXtdComment)


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


def publish_reports_of_page(sender, instance, **kwargs):
    publish_reports(instance)


def connect_report_publicity():
    page_published.connect(publish_reports_of_page, dispatch_uid="feedback-report-publicity")
