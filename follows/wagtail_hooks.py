"""Admin: "Follow by e-mail" / "Stop following" in the header menu of a working group's or
plan draft's edit view, and the subscriptions, read-only, for administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from follows import views
from follows.models import Subscription


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Subscriptions are made by their addresses, never in the admin: administrators (and
    whoever has ``follows.view_subscription``) may only look."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


register_permission_policy(Subscription, ReadOnlyPolicy(Subscription))


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Subscriptions")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    # Wagtail asks for a form even when the policy allows no view that shows one.
    form_fields = ["language", "rhythm"]
    list_display = ["email", "kind", "page", "topic", "rhythm", "language", "confirmed_at"]
    list_filter = ["kind", "rhythm", "language"]
    search_fields = ["email"]
    inspect_view_fields = [
        "email",
        "kind",
        "page",
        "priority_id",
        "topic",
        "language",
        "rhythm",
        "user",
        "created_at",
        "confirmed_at",
    ]


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionViewSet("subscriptions")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("follows/page/<int:page_id>/", views.admin_follow, name="follows_admin_follow"),
    ]


@hooks.register("register_page_header_buttons")
def follow_button(page, user, view_name, next_url=None):
    """ "Follow by e-mail" (or "Stop following") on the edit view of a working group or a
    plan draft: a button that POSTs (Wagtail's ``w-action#post``, with the CSRF token)."""
    specific = page.specific_deferred
    if view_name != "edit" or not views.followable_in_admin(specific):
        return
    existing = views.editor_subscription(user, specific)
    following = existing is not None and existing.confirmed_at is not None
    yield Button(
        _("Stop following by e-mail") if following else _("Follow by e-mail"),
        icon_name="mail",
        priority=90,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse("follows_admin_follow", args=[page.pk]),
        },
    )
