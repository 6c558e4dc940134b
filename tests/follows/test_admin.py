"""Editors follow a working group or plan draft from its edit view; administrators see the
subscriptions, read-only, in Lithuanian."""

import pytest

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from follows.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(lt_site):
    return lt_site.lt["group"]


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        "administratore", "admin@example.lt", "slaptazodis-123"
    )


def staff(django_user_model, username, page=None):
    """An admin user who may edit ``page`` (and see it in the admin), or nothing at all."""
    user = django_user_model.objects.create_user(
        username, f"{username}@example.lt", "slaptazodis-123"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if page is not None:
        editors = Group.objects.create(name=f"{username} redaktoriai")
        GroupPagePermission.objects.create(group=editors, page=page, permission_type="change")
        user.groups.add(editors)
    return user


def follow_url(page):
    return f"/admin/follows/page/{page.pk}/"


def test_an_editor_follows_and_stops_following_from_the_edit_view(client, group, django_user_model):
    editor = staff(django_user_model, "redaktore", page=group)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{group.pk}/edit/").content.decode()
    assert f'data-w-action-url-value="{follow_url(group)}"' in edit
    assert "Follow by e-mail" in edit

    response = client.post(follow_url(group), {"next": f"/admin/pages/{group.pk}/edit/"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.user, subscription.kind) == (
        "redaktore@example.lt",
        editor,
        "group",
    )
    assert subscription.language == "en"
    assert subscription.confirmed_at is not None  # the account's own address
    assert (
        "Stop following by e-mail" in client.get(f"/admin/pages/{group.pk}/edit/").content.decode()
    )

    client.post(follow_url(group))
    assert not Subscription.objects.exists()


def test_the_follow_action_is_post_only_and_checks_the_page_on_the_server(
    client, group, lt_site, django_user_model
):
    outsider = staff(django_user_model, "pasaliete")
    client.force_login(outsider)
    # Wagtail's admin answers a refusal with its dashboard and "permission denied".
    assert client.post(follow_url(group))["Location"] == "/admin/"
    # Someone who may edit the group still cannot follow a page that is not a group or draft.
    client.force_login(staff(django_user_model, "redaktore", page=lt_site.lt["home"]))
    assert client.post(follow_url(lt_site.lt["article"]))["Location"] == "/admin/"
    assert client.get(follow_url(group)).status_code == 405
    assert not Subscription.objects.exists()
    client.logout()
    assert client.post(follow_url(group)).status_code == 302  # to the sign-in page
    assert not Subscription.objects.exists()


def test_administrators_see_the_subscriptions_read_only_in_lithuanian(
    client, group, admin_user, django_user_model
):
    subscription = Subscription.objects.create(
        email="ona@example.lt", kind="group", page=group, language="lt"
    )
    client.force_login(admin_user)
    listing = client.get("/admin/subscriptions/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Prenumeratos" in html and "ona@example.lt" in html and "darbo grupė" in html
    assert "/admin/subscriptions/add/" not in html
    for path in ("add/", f"edit/{subscription.pk}/", f"delete/{subscription.pk}/"):
        assert client.get(f"/admin/subscriptions/{path}").status_code in (302, 403)
    assert client.get(f"/admin/subscriptions/inspect/{subscription.pk}/").status_code == 200
    # An editor without the permission sees nothing.
    client.force_login(staff(django_user_model, "redaktore", page=group))
    assert client.get("/admin/subscriptions/").status_code in (302, 403)
    assert Subscription.objects.get().email == "ona@example.lt"
