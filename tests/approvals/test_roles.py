"""The roles and workflows every install has (data migrations), and where they apply.

Page permissions and workflows that depend on pages created later (a section, a working
group, a translated home page) are applied when those pages are created; the tests build
the site and read what was granted.
"""

import io

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from approvals.roles import (
    ADMINISTRATORS,
    COMMENT_MODERATORS,
    COORDINATORS,
    EDITORS,
    REVIEWERS,
    TRANSLATORS,
    coordinators_group,
)
from tests.approvals.helpers import act, current_task_state, fresh
from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

ROLES = [EDITORS, COORDINATORS, REVIEWERS, COMMENT_MODERATORS, TRANSLATORS, ADMINISTRATORS]


def page_permissions(group):
    """``{page title: sorted codenames}`` of a group's page permissions."""
    grants = {}
    for grant in GroupPagePermission.objects.filter(group=group).select_related(
        "page", "permission"
    ):
        grants.setdefault(grant.page.title, []).append(grant.permission.codename)
    return {title: sorted(codenames) for title, codenames in grants.items()}


def test_every_role_exists_and_wagtails_default_moderators_are_gone():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name="Moderators").exists()
    assert set(Workflow.objects.filter(active=True).values_list("name", flat=True)) == {
        "Consultative approval",
        "Editorial review",
    }


def test_every_role_may_enter_the_admin_and_only_administrators_do_more():
    for name in ROLES:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name
    assert (
        not Group.objects.get(name=REVIEWERS).permissions.exclude(codename="access_admin").exists()
    )


def test_comment_moderators_hold_the_moderation_permissions_and_nothing_else():
    moderators = Group.objects.get(name=COMMENT_MODERATORS)
    assert sorted(
        f"{p.content_type.app_label}.{p.codename}" for p in moderators.permissions.all()
    ) == [
        "feedback.add_blockedword",
        "feedback.answer_comment",
        "feedback.change_blockedword",
        "feedback.delete_blockedword",
        "feedback.moderate_comment",
        "feedback.set_disposition",
        "feedback.view_blockedword",
        "wagtailadmin.access_admin",
    ]
    administrators = Group.objects.get(name=ADMINISTRATORS)
    assert moderators.permissions.exclude(pk__in=administrators.permissions.all()).count() == 0


def test_each_role_has_page_permissions_on_its_own_section_only(site_tree):
    lt, en = site_tree.lt, site_tree.en
    assert page_permissions(Group.objects.get(name=EDITORS)) == {
        lt["group_index"].title: ["add_page", "change_page"],
        lt["plan_index"].title: ["add_page", "change_page"],
        lt["news_index"].title: ["add_page", "change_page"],
    }
    assert page_permissions(coordinators_group(lt["group"])) == {
        lt["group"].title: ["add_page", "change_page"]
    }
    assert page_permissions(Group.objects.get(name=COORDINATORS)) == {}
    assert page_permissions(Group.objects.get(name=REVIEWERS)) == {}
    assert page_permissions(Group.objects.get(name=COMMENT_MODERATORS)) == {}
    assert page_permissions(Group.objects.get(name=TRANSLATORS)) == {
        en["home"].title: ["add_page", "change_page", "publish_page"]
    }
    administrators = page_permissions(Group.objects.get(name=ADMINISTRATORS))
    assert administrators == {
        "Root": [
            "add_page",
            "bulk_delete_page",
            "change_page",
            "lock_page",
            "publish_page",
            "unlock_page",
        ]
    }


def test_the_workflows_are_attached_to_their_lithuanian_sections(site_tree):
    lt, en = site_tree.lt, site_tree.en
    attached = {
        row.page_id: row.workflow.name for row in WorkflowPage.objects.select_related("workflow")
    }
    assert attached == {
        lt["plan_index"].pk: "Consultative approval",
        lt["news_index"].pk: "Editorial review",
    }
    assert lt["draft"].get_workflow().name == "Consultative approval"
    assert lt["article"].get_workflow().name == "Editorial review"
    assert lt["group"].get_workflow() is None
    assert en["draft"].get_workflow() is None  # translators publish translations directly


def test_news_goes_through_the_one_step_editorial_review(lt_site, users):
    article = NewsArticlePageFactory(parent=lt_site.lt["news_index"], live=False)
    article = fresh(article)
    article.save_revision(user=users["editor"])
    article.get_workflow().start(article, users["editor"])
    assert current_task_state(article).task.name == "Editorial approval"
    act(article, users["administrator"], "approve", comment="")
    assert fresh(article).live


def test_demo_accounts_are_refused_without_debug():
    with pytest.raises(CommandError):
        call_command("load_demo", "--users", stdout=io.StringIO())


def test_administrators_hold_every_permission():
    administrators = Group.objects.get(name=ADMINISTRATORS)
    missing = Permission.objects.exclude(group=administrators)
    assert not missing.exists(), [f"{p.content_type.app_label}.{p.codename}" for p in missing]
    held = {f"{p.content_type.app_label}.{p.codename}" for p in administrators.permissions.all()}
    assert {
        "home.change_sitesettings",
        "wagtailredirects.add_redirect",
        "wagtailsearchpromotions.add_query",
        "plans.add_councilstep",
        "auth.change_user",
    } <= held
