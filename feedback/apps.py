from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Public comments on pages: django-comments-xtd with moderation in the Wagtail admin."""

    name = "feedback"
    verbose_name = _("Public comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from feedback import signals  # connects the receivers

        signals.connect_page_deletion()
        signals.connect_report_publicity()
        signals.detach_xtd_posting()

        # django-comments-xtd's ready() connects a pre_save handler that sets `is_public` of
        # every reply below a comment to the comment's own visibility whenever it is saved:
        # approving a comment would publish the replies moderators hold. Which comment is
        # visible is this app's decision (feedback.moderation), so the handler is detached.
        # This app is listed before django_comments_xtd (so that its templates and Lithuanian
        # catalog win), hence its ready() runs first: detach once xtd's ready() has run.
        xtd_config = apps.get_app_config("django_comments_xtd")
        connect_xtd = xtd_config.ready

        def ready_without_reply_cascade():
            connect_xtd()
            signals.detach_reply_cascade()

        xtd_config.ready = ready_without_reply_cascade
        signals.detach_reply_cascade()  # in case xtd's ready() has already run
