"""Editing a plan of real size one part at a time (plans/editor.py): what the browser builds,
the revision a save makes, the compare, permissions, stale forms, locks, the admin search,
the public "edit" links and the English translation's sync."""

import json
import re
from decimal import Decimal
from html import unescape

import pytest

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail import blocks
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from plans.editor import STALE_FORM, block_for
from plans.models import PlanDraftPage
from tests.approvals.helpers import create_accounts, login, lt
from tests.factories import PlanDraftPageFactory
from tests.plans.plan_data import plan_tree

pytestmark = pytest.mark.django_db

CONTROL = re.compile(r"<(input|select|textarea)\b")
BLOCK_ARGUMENTS = re.compile(r'data-w-block-arguments-value="([^"]*)"')


def fields_built(html):
    """What the browser builds from an admin page: its form controls, and every field of
    every block that Wagtail's script builds from the blocks' JSON."""

    def leaves(value):
        if isinstance(value, dict):
            return sum(leaves(item) for key, item in value.items() if key != "id")
        if isinstance(value, list):
            return sum(leaves(item) for item in value)
        return 1

    built = sum(leaves(json.loads(unescape(raw))[0]) for raw in BLOCK_ARGUMENTS.findall(html))
    return len(CONTROL.findall(html)) + built


def block_form_data(block, value, prefix):
    """The POST data Wagtail's block widgets send for ``value`` (as the block's own
    ``get_form_state`` gives it), under ``prefix``."""
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_form_data(child, value[name], f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, item in enumerate(value):
            data.update(
                block_form_data(block.child_block, item["value"], f"{prefix}-{index}-value")
            )
            data.update(
                {
                    f"{prefix}-{index}-id": item["id"],
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                }
            )
        return data
    if isinstance(value, list):  # a choice: its widget's state lists the selected values
        value = value[0] if value else None
    return {prefix: "" if value is None else str(value)}


def objective_post(page, objective_id, change=None):
    """The objective editor's POST of the page's latest objective ``objective_id``, after
    ``change(state)``."""
    page = Page.objects.get(pk=page.pk).specific
    latest = page.get_latest_revision_as_object()
    objective = next(
        child
        for priority in latest.plan_tree
        for goal in priority.value["goals"]
        for child in goal["objectives"].bound_blocks
        if child.id == objective_id
    )
    block = block_for("objective")
    state = block.get_form_state(objective.value)
    if change:
        change(state)
    return {
        "loaded_revision": str(page.get_latest_revision().pk),
        **block_form_data(block, state, "part"),
    }


def first_indicator(state):
    return state["measures"][0]["value"]["indicators"][0]


def set_target(value):
    def change(state):
        first_indicator(state)["value"]["target_2030"] = value

    return change


def ids(raw_tree):
    found = []

    def visit(item):
        found.append(item["id"])
        for name in ("goals", "objectives", "measures", "indicators"):
            for child in item["value"].get(name) or []:
                visit(child)

    for priority in raw_tree:
        visit(priority)
    return found


@pytest.fixture
def site(site_tree):
    """The bilingual site, built once for the module (tests/conftest.py)."""
    return site_tree


@pytest.fixture
def users(site):
    return create_accounts(site)


def large_plan(site, priorities):
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"],
        title=f"Planas iš {priorities}",
        slug=f"planas-{priorities}",
        plan_tree=plan_tree(priorities=priorities, goals=3, objectives=3, measures=3, indicators=2),
    )
    page.save_revision().publish()
    return PlanDraftPage.objects.get(pk=page.pk)


@pytest.fixture
def plan(site):
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"],
        title="Planas",
        slug="planas",
        plan_tree=plan_tree(priorities=2, goals=2, objectives=1, measures=1, indicators=2),
    )
    page.save_revision().publish()
    return PlanDraftPage.objects.get(pk=page.pk)


def goal_id(plan, priority=0, goal=0):
    return plan.plan_tree.raw_data[priority]["value"]["goals"][goal]["id"]


def objective_id(plan, priority=0, goal=0):
    goal = plan.plan_tree.raw_data[priority]["value"]["goals"][goal]
    return goal["value"]["objectives"][0]["id"]


def editor_url(plan, element_id):
    return reverse("plans_part_editor", args=[plan.pk, element_id])


def test_what_the_editors_build_does_not_grow_with_the_plan(client, site, users):
    login(client, users["administrator"])
    built = {}
    for priorities in (1, 5):
        plan = large_plan(site, priorities)
        priority_id = plan.plan_tree.raw_data[0]["id"]
        built[priorities] = [
            fields_built(client.get(url).content.decode())
            for url in (
                reverse("wagtailadmin_pages:edit", args=[plan.pk]),
                editor_url(plan, priority_id),
                editor_url(plan, goal_id(plan)),
                editor_url(plan, objective_id(plan)),
            )
        ]
    assert built[1] == built[5], built
    # The objective's editor holds its 6 indicators (7 fields each), and more.
    assert built[5][3] > 6 * 7


def test_saving_an_objective_makes_one_revision_with_only_that_change(client, plan, users):
    login(client, users["editor"])
    before = Page.objects.get(pk=plan.pk).specific
    revisions = Revision.objects.for_instance(before).count()
    response = client.post(
        editor_url(plan, objective_id(plan, 1, 0)),
        objective_post(plan, objective_id(plan, 1, 0), set_target("33")),
    )
    assert response.status_code == 302
    after = Page.objects.get(pk=plan.pk).specific
    assert Revision.objects.for_instance(after).count() == revisions + 1
    latest = after.get_latest_revision()
    assert latest.user == users["editor"]
    tree = latest.as_object().plan_tree.raw_data
    assert ids(tree) == ids(before.plan_tree.raw_data)
    assert tree[0] == before.plan_tree.raw_data[0]  # the other priority, as stored
    indicator = tree[1]["value"]["goals"][0]["value"]["objectives"][0]["value"]["measures"][0]
    assert Decimal(indicator["value"]["indicators"][0]["value"]["target_2030"]) == 33
    assert after.has_unpublished_changes  # a draft: the live version is unchanged
    assert after.live_revision_id != latest.pk

    latest.publish()
    older, newer = [r.pk for r in Revision.objects.for_instance(after).order_by("pk")][-2:]
    changes = after.compare(older, newer).elements
    assert [(c.kind, c.action, c.number, [f.name for f in c.fields]) for c in changes] == [
        ("indicator", "changed", "2.1.1.1.1", ["target_2030"])
    ]


def test_a_priority_editor_reorders_adds_and_removes_goals(client, plan, users):
    login(client, users["editor"])
    priority = plan.plan_tree.raw_data[0]
    first, second = (goal["id"] for goal in priority["value"]["goals"])
    url = editor_url(plan, priority["id"])
    data = {
        "loaded_revision": plan.get_latest_revision().pk,
        "title": "Prioritetas pervadintas",
        "description": "",
        f"place_{first}": "2",
        f"place_{second}": "1",
        "new_title": "Naujas tikslas",
    }
    assert client.post(url, data).status_code == 302
    goals = Page.objects.get(pk=plan.pk).specific.get_latest_revision_as_object().plan_tree[0]
    assert goals.value["title"] == "Prioritetas pervadintas"
    assert [g.id for g in goals.value["goals"].bound_blocks][:2] == [second, first]
    assert goals.value["goals"][2]["title"] == "Naujas tikslas"

    plan = Page.objects.get(pk=plan.pk).specific
    data.update(
        loaded_revision=plan.get_latest_revision().pk, new_title="", **{f"remove_{first}": "on"}
    )
    assert client.post(url, data).status_code == 302
    tree = Page.objects.get(pk=plan.pk).specific.get_latest_revision_as_object().plan_tree
    assert first not in [g.id for g in tree[0].value["goals"].bound_blocks]


def test_the_structure_view_reorders_adds_and_removes_priorities(client, plan, users):
    login(client, users["editor"])
    first, second = (priority["id"] for priority in plan.plan_tree.raw_data)
    url = reverse("plans_structure", args=[plan.pk])
    data = {
        "loaded_revision": plan.get_latest_revision().pk,
        f"place_{first}": "2",
        f"place_{second}": "1",
        f"remove_{first}": "",
        "new_title": "Trečias prioritetas",
    }
    assert client.post(url, data).status_code == 302
    tree = Page.objects.get(pk=plan.pk).specific.get_latest_revision_as_object().plan_tree
    assert [p.id for p in tree][:2] == [second, first]
    assert tree[2].value["title"] == "Trečias prioritetas"


def test_who_may_not_edit_the_page_gets_403(client, plan, users):
    moderator = users["moderator"]
    assert not plan.permissions_for_user(moderator).can_edit()
    login(client, moderator)
    objective = objective_id(plan)
    data = objective_post(plan, objective, set_target("33"))
    for url in (
        editor_url(plan, objective),
        reverse("plans_structure", args=[plan.pk]),
        reverse("plans_edit_links", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert Revision.objects.for_instance(plan).count() == 1


def test_a_stale_form_is_refused_and_keeps_the_input(client, plan, users):
    login(client, users["editor"])
    objective = objective_id(plan)
    data = objective_post(plan, objective, set_target("77.5"))
    plan.save_revision(user=users["administrator"])  # someone saved meanwhile
    revisions = Revision.objects.for_instance(plan).count()
    response = client.post(editor_url(plan, objective), data)
    assert response.status_code == 409
    assert Revision.objects.for_instance(plan).count() == revisions
    html = unescape(response.content.decode())
    with translation.override("lt"):
        assert str(STALE_FORM) in html
    assert '"target_2030": "77.5"' in html  # what the user typed, in the form again


def test_a_locked_page_refuses_a_save(client, plan, users):
    plan.locked, plan.locked_by = True, users["administrator"]
    plan.save()
    login(client, users["editor"])
    objective = objective_id(plan)
    response = client.post(
        editor_url(plan, objective), objective_post(plan, objective, set_target("33"))
    )
    assert response.status_code == 409
    assert Revision.objects.for_instance(plan).count() == 1
    assert lt("Save draft") not in response.content.decode()  # read only, as Wagtail's editor


def test_the_admin_search_leads_to_an_indicator_in_its_editor(client, plan, users):
    login(client, users["editor"])
    response = client.get(reverse("plans_element_search"), {"q": "Rodiklis 2.1.1.1.2"})
    indicator = plan.plan_tree.raw_data[1]["value"]["goals"][0]["value"]["objectives"][0]
    indicator = indicator["value"]["measures"][0]["value"]["indicators"][1]["id"]
    link = f"{editor_url(plan, objective_id(plan, 1, 0))}#indicator-{indicator}"
    assert link in response.content.decode()
    for query in ("2.1.1.1.2.", "2.1.1.1.2. Rodiklis"):  # the number as the plan shows it
        assert link in client.get(reverse("plans_element_search"), {"q": query}).content.decode()
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Rodiklis"}).content.decode()
    assert reverse("plans_element_search") in search  # the admin search offers the area


@override_settings(PAGE_CACHE_SECONDS=60)
def test_edit_links_only_for_editors_and_never_in_the_pages_html(client, plan, users):
    priority_page = f"{plan.url}priority/1/"
    client.get(priority_page)
    anonymous = client.get(priority_page)
    assert anonymous["X-Page-Cache"] == "hit"  # the page as the cache keeps it
    links_url = reverse("plans_edit_links", args=[plan.pk])
    assert links_url in anonymous.content.decode()  # where the script asks, not the links
    assert reverse("plans_part_editor", args=[plan.pk, goal_id(plan)]) not in (
        anonymous.content.decode()
    )
    assert client.get(links_url).status_code == 302  # to the admin's sign-in

    login(client, users["editor"])
    html = client.get(priority_page).content.decode()
    assert reverse("plans_part_editor", args=[plan.pk, goal_id(plan)]) not in html
    response = client.get(links_url)
    assert "no-store" in response["Cache-Control"]
    links = response.json()["links"]
    assert links[goal_id(plan)] == f"{editor_url(plan, goal_id(plan))}#goal-{goal_id(plan)}"
    assert len(links) == len(ids(plan.plan_tree.raw_data))


def test_the_english_translation_syncs_a_plan_edited_by_parts(client, site, users):
    draft = site.lt["draft"]
    draft.plan_tree = plan_tree(priorities=1, goals=1, objectives=1, measures=1, indicators=1)
    draft.save_revision().publish()
    draft = PlanDraftPage.objects.get(pk=draft.pk)
    objective = objective_id(draft)

    def rename(state):
        first_indicator(state)["value"]["name"] = "Pertvarkytas rodiklis"

    login(client, users["editor"])
    assert (
        client.post(
            editor_url(draft, objective), objective_post(draft, objective, rename)
        ).status_code
        == 302
    )
    Page.objects.get(pk=draft.pk).specific.get_latest_revision().publish()
    draft = PlanDraftPage.objects.get(pk=draft.pk)

    source, _created = TranslationSource.update_or_create_from_instance(draft)
    assert StringSegment.objects.filter(
        source=source, string__data="Pertvarkytas rodiklis"
    ).exists()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=site.en_locale
    )
    translation.save_target(publish=True)
    english = PlanDraftPage.objects.get(
        translation_key=draft.translation_key, locale=site.en_locale
    )
    assert ids(english.plan_tree.raw_data) == ids(draft.plan_tree.raw_data)
    assert "Pertvarkytas rodiklis" in json.dumps(
        list(english.plan_tree.raw_data), ensure_ascii=False
    )


def test_a_title_too_long_is_refused_with_a_message_and_kept(client, plan, users):
    login(client, users["editor"])
    objective = objective_id(plan)
    long_name = "Rodiklis " + "ž" * 10_000

    def rename(state):
        first_indicator(state)["value"]["name"] = long_name

    revisions = Revision.objects.for_instance(plan).count()
    response = client.post(editor_url(plan, objective), objective_post(plan, objective, rename))
    assert response.status_code == 400
    assert Revision.objects.for_instance(plan).count() == revisions
    html = unescape(response.content.decode())
    # The block's errors and values travel as JSON to the editor's script, which shows them.
    assert json.dumps("sudaryta iš nedaugiau kaip 500 ženklų")[1:-1] in html
    assert json.dumps(long_name)[1:-1] in html  # what the editor typed, in the form again
