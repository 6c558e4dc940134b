"""Admin: the "Comments" menu for moderators (queue, blocked words), their dashboard panel
and their permissions; the "Consultation report" action of a page with dispositions."""

from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from feedback import admin_urls, admin_views
from feedback.models import BlockedWord, PublicComment

MODERATOR_PERMISSIONS = ["moderate_comment", "answer_comment", "set_disposition"]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class BlockedWordViewSet(ModelViewSet):
    model = BlockedWord
    icon = "warning"
    menu_label = _("Blocked words")
    add_to_admin_menu = False
    form_fields = ["word", "note"]
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]


blocked_words = BlockedWordViewSet("blocked_words")


@hooks.register("register_admin_viewset")
def register_blocked_words():
    return blocked_words


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include(admin_urls, namespace="feedback_admin"))]


@hooks.register("register_admin_menu_item")
def register_comments_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Moderation queue"),
                reverse("feedback_admin:queue"),
                name="comment-queue",
                icon_name="comment",
                order=100,
                permission="feedback.moderate_comment",
            ),
            PermissionMenuItem(
                _("Blocked words"),
                reverse(blocked_words.get_url_name("index")),
                name="comment-blocked-words",
                icon_name="warning",
                order=200,
                permission="feedback.view_blockedword",
            ),
        ]
    )
    return SubmenuMenuItem(_("Comments"), menu, name="comments", icon_name="comment", order=250)


@hooks.register("register_permissions")
def register_moderator_permissions():
    return Permission.objects.filter(
        content_type__app_label="feedback", codename__in=MODERATOR_PERMISSIONS
    )


class CommentsAwaitingModerationPanel(Component):
    """The moderator's to-do on the dashboard: how many comments wait (held, or hidden by
    readers' flags), each kind linked to its tab of the queue."""

    name = "comments_awaiting_moderation"
    template_name = "feedback/admin/dashboard_panel.html"
    order = 90  # above Wagtail's panels: moderating comments is the moderator's main work

    def get_context_data(self, parent_context):
        Status = PublicComment.Status
        counts = PublicComment.objects.aggregate(
            held=Count("pk", filter=Q(status=Status.HELD)),
            flagged=Count("pk", filter=Q(status=Status.FLAGGED)),
        )
        queue = reverse("feedback_admin:queue")
        return {
            "total": counts["held"] + counts["flagged"],
            "held": counts["held"],
            "flagged": counts["flagged"],
            "held_url": f"{queue}?status=held",
            "flagged_url": f"{queue}?status=flagged",
        }


@hooks.register("construct_homepage_panels")
def show_comments_awaiting_moderation(request, panels):
    if request.user.has_perm("feedback.moderate_comment"):
        panels.append(CommentsAwaitingModerationPanel())


@hooks.register("register_page_header_buttons")
def consultation_report_button(page, user, view_name, next_url=None):
    """ "Consultation report" in the header menu of a page with dispositions, for those who
    may make it."""
    if getattr(page.specific_class, "comment_dispositions", False) and (
        admin_views.may_make_report(user, page.specific)
    ):
        yield Button(
            _("Consultation report"),
            reverse("feedback_admin:reports", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
        )
