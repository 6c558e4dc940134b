"""Every role × every admin action that publishes, cancels, approves or changes permissions,
in the Lithuanian tree and in the English one: the expected answers, in one table.

Each cell is one test: the role's demo account sends the real HTTP request(s) of the action
to the admin (the form the admin page holds, with the change the action makes, as the
browser or an attacker replaying it would send), and the test reads from the database
whether the action took effect. The site is built once for the module; every cell runs in a
savepoint that is rolled back after it.

The English tree has no workflow: its pages are translations, published by translators once
the Lithuanian page is approved and live. Its workflow cells send the Lithuanian draft's
workflow actions through the English page's addresses: they must change nothing.
"""

import pytest

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from wagtail.models import GroupPagePermission, Locale, Page, TaskState, WorkflowState
from wagtail_localize.operations import TranslationCreator

from approvals.models import Vote
from tests.approvals.helpers import (
    ROLE_ACCOUNTS,
    approve_task1,
    create_accounts,
    current_task_state,
    draft_form_data,
    edit_url,
    fresh,
    new_draft,
    submit,
    vote,
    workflow_action_url,
)
from tests.factories import build_site
from tests.security.browser_forms import form_data

ROLES = ("editor", "coordinator", "reviewer", "moderator", "translator", "administrator")
TREES = ("LT", "EN")

# The expected answers: "yes" (the action takes effect) or "-" (refused: nothing changes).
# Columns: editor, (working-group) coordinator, (Consultative) reviewer, (comment) moderator,
# translator, administrator. "submit for translation / publish it": in LT, submit the
# Lithuanian draft for translation; in EN, publish its English translation in
# wagtail-localize's editor. "edit group page permissions": Settings → Groups, give Editors
# publishing on the plan section of that tree. "edit users": Settings → Users, add the comment
# moderator to the role of that tree (Editors for LT, Translators for EN).
EXPECTED = """
action                                | tree | editor | coord | review | moder | transl | admin
publish a news article                | LT   |   -    |   -   |   -    |   -   |   -    |  yes
publish a news article                | EN   |   -    |   -   |   -    |   -   |  yes   |  yes
publish a plan draft                  | LT   |   -    |   -   |   -    |   -   |   -    |  yes
publish a plan draft                  | EN   |   -    |   -   |   -    |   -   |  yes   |  yes
unpublish a plan draft                | LT   |   -    |   -   |   -    |   -   |   -    |  yes
unpublish a plan draft                | EN   |   -    |   -   |   -    |   -   |  yes   |  yes
cancel the workflow during the vote   | LT   |  yes   |   -   |   -    |   -   |   -    |  yes
cancel the workflow during the vote   | EN   |   -    |   -   |   -    |   -   |   -    |   -
approve a task (working-group review) | LT   |   -    |  yes  |   -    |   -   |   -    |   -
approve a task (working-group review) | EN   |   -    |   -   |   -    |   -   |   -    |   -
reject a task (working-group review)  | LT   |   -    |  yes  |   -    |   -   |   -    |   -
reject a task (working-group review)  | EN   |   -    |   -   |   -    |   -   |   -    |   -
vote (Consultative group decision)    | LT   |   -    |   -   |  yes   |   -   |   -    |   -
vote (Consultative group decision)    | EN   |   -    |   -   |   -    |   -   |   -    |   -
submit for translation / publish it   | LT   |   -    |   -   |   -    |   -   |  yes   |  yes
submit for translation / publish it   | EN   |   -    |   -   |   -    |   -   |  yes   |  yes
edit group page permissions           | LT   |   -    |   -   |   -    |   -   |   -    |  yes
edit group page permissions           | EN   |   -    |   -   |   -    |   -   |   -    |  yes
edit users (add one to a role)        | LT   |   -    |   -   |   -    |   -   |   -    |  yes
edit users (add one to a role)        | EN   |   -    |   -   |   -    |   -   |   -    |  yes
"""


def parse_table(text):
    rows = [[cell.strip() for cell in line.split("|")] for line in text.strip().splitlines()]
    header, *body = rows
    assert len(header) == 2 + len(ROLES)
    return {
        (row[0], row[1]): dict(zip(ROLES, (c == "yes" for c in row[2:]), strict=True))
        for row in body
    }


CELLS = parse_table(EXPECTED)


# --- the site, once for the module; a savepoint per cell ---------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        users = create_accounts(site)
        admin = users["administrator"]
        lithuanian, english = (Locale.objects.get(language_code=c) for c in ("lt", "en"))

        # Awaiting the coordinator (task 1), and awaiting the vote (task 2, one vote cast).
        reviewing = new_draft(site, title="Projektas peržiūrai", slug="perziurai")
        submit(reviewing, users["editor"])
        voting = new_draft(site, title="Projektas balsavimui", slug="balsavimui")
        submit(voting, users["editor"])
        approve_task1(voting, users["coordinator"])
        vote(voting, users["reviewer3"], "approve")
        # Translators may start on a draft before it is approved: English drafts of both.
        for draft in (reviewing, voting):
            TranslationCreator(users["translator"], [english]).create_translations(fresh(draft))

        # An approved, published draft with a synced English translation (a draft as yet),
        # and one not yet submitted for translation.
        approved = new_draft(site, title="Patvirtintas projektas", slug="patvirtintas")
        fresh(approved).save_revision(user=admin).publish(user=admin)
        TranslationCreator(admin, [english]).create_translations(fresh(approved))
        synced_en = Page.objects.get(translation_key=approved.translation_key, locale=english)
        untranslated = new_draft(site, title="Dar neverstas projektas", slug="neverstas")
        fresh(untranslated).save_revision(user=admin).publish(user=admin)

        yield {
            "site": site,
            "users": users,
            "lt": lithuanian,
            "en": english,
            "reviewing": reviewing,
            "voting": voting,
            "synced_en": synced_en.specific,
            "untranslated": untranslated,
        }
        transaction.set_rollback(True)


@pytest.fixture
def cell(world, db):
    """The module's site; the ``db`` fixture runs the cell in a savepoint, rolled back."""
    return world


def page_in(world, key, tree):
    return fresh(world["site"].lt[key] if tree == "LT" else world["site"].en[key])


def english_of(world, page):
    return fresh(Page.objects.get(translation_key=page.translation_key, locale=world["en"]))


def admins_form(client, world, url, form_id):
    """The form as the administrator's browser has it (the data an attacker would replay)."""
    client.force_login(world["users"]["administrator"])
    data = form_data(client.get(url).content.decode(), form_id)
    client.logout()
    return data


# --- the actions: each logs in as ``user``, acts, and says whether it took effect ----------


def publish_news_article(client, world, user, tree, capture):
    article = page_in(world, "article", tree)
    data = admins_form(client, world, edit_url(article), "page-edit-form")
    data.update(title=[f"{article.title} (pataisyta)"], **{"action-publish": ["1"]})
    client.force_login(user)
    with capture(execute=True):
        client.post(edit_url(article), data)
    return fresh(article).title == f"{article.title} (pataisyta)"


def publish_plan_draft(client, world, user, tree, capture):
    draft = page_in(world, "draft", tree)
    client.force_login(user)
    with capture(execute=True):
        client.post(
            edit_url(draft),
            {**draft_form_data(draft, summary="Nauja santrauka."), "action-publish": "1"},
        )
    return fresh(draft).summary == "Nauja santrauka."


def unpublish_plan_draft(client, world, user, tree, capture):
    draft = page_in(world, "draft", tree)
    client.force_login(user)
    with capture(execute=True):
        client.post(reverse("wagtailadmin_pages:unpublish", args=[draft.pk]), {})
    return not fresh(draft).live


def cancel_workflow(client, world, user, tree, capture):
    voting = fresh(world["voting"])
    page = voting if tree == "LT" else english_of(world, voting)
    client.force_login(user)
    client.post(edit_url(page), {**draft_form_data(page), "action-cancel-workflow": "1"})
    states = WorkflowState.objects.filter(object_id__in=[str(voting.pk), str(page.pk)])
    return states.filter(status=WorkflowState.STATUS_CANCELLED).exists()


def workflow_action(name):
    def act(client, world, user, tree, capture):
        reviewing = fresh(world["reviewing"])
        page = reviewing if tree == "LT" else english_of(world, reviewing)
        task_state = current_task_state(reviewing)
        client.force_login(user)
        client.post(workflow_action_url(page, name, task_state), {"comment": ""})
        return TaskState.objects.get(pk=task_state.pk).status != TaskState.STATUS_IN_PROGRESS

    return act


def cast_vote(client, world, user, tree, capture):
    voting = fresh(world["voting"])
    page = voting if tree == "LT" else english_of(world, voting)
    task_state = current_task_state(voting)
    client.force_login(user)
    with capture(execute=True):
        client.post(workflow_action_url(page, "approve", task_state), {"comment": ""})
    return Vote.objects.filter(task_state=task_state, voter=user).exists()


def translation(client, world, user, tree, capture):
    client.force_login(user)
    if tree == "LT":  # submit the Lithuanian draft for translation into English
        source = fresh(world["untranslated"])
        with capture(execute=True):
            client.post(
                reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
                {"locales": [world["en"].pk]},
            )
        return Page.objects.filter(
            translation_key=source.translation_key, locale=world["en"]
        ).exists()
    english = fresh(world["synced_en"])  # publish it in wagtail-localize's editor
    with capture(execute=True):
        client.post(edit_url(english), {"action": "publish"})
    return fresh(english).live


def edit_group_page_permissions(client, world, user, tree, capture):
    """Give Editors the right to publish in the plan section (its index page)."""
    editors = Group.objects.get(name="Editors")
    plan_index = page_in(world, "plan_index", tree)
    url = reverse("wagtailusers_groups:edit", args=[editors.pk])
    data = admins_form(client, world, url, "w-editor-form")
    total = int(data["page_permissions-TOTAL_FORMS"][0])
    rows = [n for n in range(total) if data[f"page_permissions-{n}-page"] == [str(plan_index.pk)]]
    if rows:
        data[f"page_permissions-{rows[0]}-permissions"].append("publish_page")
    else:
        data[f"page_permissions-{total}-page"] = [str(plan_index.pk)]
        data[f"page_permissions-{total}-permissions"] = ["publish_page"]
        data["page_permissions-TOTAL_FORMS"] = [str(total + 1)]
    client.force_login(user)
    client.post(url, data)
    return GroupPagePermission.objects.filter(
        group=editors, page=plan_index, permission__codename="publish_page"
    ).exists()


def edit_users(client, world, user, tree, capture):
    """Add the comment moderator to the role of the tree: Editors (LT) or Translators (EN)."""
    moderator = world["users"]["moderator"]
    role = Group.objects.get(name="Editors" if tree == "LT" else "Translators")
    url = reverse("wagtailusers_users:edit", args=[moderator.pk])
    data = admins_form(client, world, url, "w-editor-form")
    data["groups"] = [*data.get("groups", []), str(role.pk)]
    data["last_name"] = ["Moderatorius"]  # required by the form; the demo account has none
    client.force_login(user)
    client.post(url, data)
    return moderator.groups.filter(pk=role.pk).exists()


ACTIONS = {
    "publish a news article": publish_news_article,
    "publish a plan draft": publish_plan_draft,
    "unpublish a plan draft": unpublish_plan_draft,
    "cancel the workflow during the vote": cancel_workflow,
    "approve a task (working-group review)": workflow_action("approve"),
    "reject a task (working-group review)": workflow_action("reject"),
    "vote (Consultative group decision)": cast_vote,
    "submit for translation / publish it": translation,
    "edit group page permissions": edit_group_page_permissions,
    "edit users (add one to a role)": edit_users,
}


@pytest.mark.django_db
def test_the_table_covers_every_action_in_both_trees():
    assert set(CELLS) == {(action, tree) for action in ACTIONS for tree in TREES}


@pytest.mark.parametrize("tree", TREES)
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_cell(cell, client, role, action, tree, django_capture_on_commit_callbacks):
    user = cell["users"][ROLE_ACCOUNTS[role]]
    took_effect = ACTIONS[action](client, cell, user, tree, django_capture_on_commit_callbacks)
    assert took_effect == CELLS[(action, tree)][role]
