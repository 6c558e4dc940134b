"""The plan's structure: numbering, stable ids, monitoring, open data and query budgets."""

import csv
import io
import json
import uuid
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import IndicatorValue, PlanDraftPage
from plans.tree import walk
from tests.factories import PlanDraftPageFactory
from tests.plans.plan_data import indicator, measure, plan_tree

pytestmark = pytest.mark.django_db

# Measured: 14 queries for a plan of 1 element per level and for 5×3×3×3×2; the shell (menu,
# breadcrumbs, language links, settings) comes from the cache (home/shell.py).
PLAN_PAGE_QUERY_BUDGET = 14


@pytest.fixture
def site(lt_site):
    """The Lithuanian site, built once for the module (tests/conftest.py)."""
    return lt_site


def make_plan(site, tree, slug="planas-1-0", stage=PlanDraftPage.Stage.ADOPTED):
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"], title="Planas 1.0", slug=slug, stage=stage, plan_tree=tree
    )
    page.save_revision().publish()
    return PlanDraftPage.objects.get(pk=page.pk)


def numbered(page):
    return [(element.number, element.title, element.id) for element in walk(page.outline())]


def test_numbers_follow_the_order(site):
    page = make_plan(site, plan_tree(priorities=2, goals=2, objectives=1, measures=2, indicators=1))
    numbers = [(number, title) for number, title, _ in numbered(page)]
    assert numbers[:6] == [
        ("1", "Prioritetas 1"),
        ("1.1", "Tikslas 1.1"),
        ("1.1.1", "Uždavinys 1.1.1"),
        ("1.1.1.1", "Priemonė 1.1.1.1"),
        ("1.1.1.1.1", "Rodiklis 1.1.1.1.1"),
        ("1.1.1.2", "Priemonė 1.1.1.2"),
    ]
    assert ("2.2.1.2.1", "Rodiklis 2.2.1.2.1") in numbers


def test_ids_are_stable_across_reorder_insertion_and_new_versions(site):
    page = make_plan(site, plan_tree(priorities=2, goals=2))
    before = {title: element_id for _, title, element_id in numbered(page)}
    assert len(set(before.values())) == len(before), "every element has its own id"

    # Reorder the priorities and insert a new goal at the front of the first one, as an
    # editor does in the admin (the stored data keeps each item's id).
    raw = page.plan_tree.raw_data
    stream = [dict(raw[1]), dict(raw[0])]
    stream[0]["value"]["goals"].insert(
        0,
        {
            "type": "item",
            "id": str(uuid.uuid4()),
            "value": {"title": "Naujas tikslas", "description": "", "objectives": []},
        },
    )
    page.plan_tree = stream
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    after = {title: (number, element_id) for number, title, element_id in numbered(page)}

    assert after["Prioritetas 2"][0] == "1" and after["Prioritetas 1"][0] == "2"
    assert after["Naujas tikslas"][0] == "1.1"
    assert after["Tikslas 2.1"][0] == "1.2", "numbers follow the new order"
    for title, element_id in before.items():
        assert after[title][1] == element_id, f"{title} kept its id"
    assert after["Naujas tikslas"][1] not in before.values()

    # A new version of the plan (a copy of the page) keeps every element's id.
    copy = page.copy(update_attrs={"slug": "planas-2-0", "title": "Planas 2.0"})
    copy_ids = {title: element_id for _, title, element_id in numbered(copy.specific)}
    assert copy_ids == {title: element_id for title, (_, element_id) in after.items()}


def test_ids_given_once_to_content_loaded_as_raw_data(site):
    page = make_plan(site, plan_tree())
    first = numbered(page)
    page.save_revision().publish()
    assert numbered(PlanDraftPage.objects.get(pk=page.pk)) == first


def test_indicator_values_recorded_without_a_new_version(site):
    group = site.lt["group"]
    tree = [
        {
            "type": "priority",
            "value": {
                "title": "Ekonomika",
                "description": "",
                "goals": [
                    {
                        "title": "Daugiau darbo vietų",
                        "description": "",
                        "objectives": [
                            {
                                "title": "Pritraukti investicijų",
                                "measures": [
                                    measure(
                                        "Pramonės parkas",
                                        [group.pk],
                                        [
                                            indicator("Užimtumas", "up", "60", "65", "70"),
                                            indicator("Nedarbas", "down", "12", "9", "6"),
                                        ],
                                    )
                                ],
                            }
                        ],
                    }
                ],
            },
        }
    ]
    page = make_plan(site, tree)
    revisions = page.revisions.count()
    employment, unemployment = [e for e in walk(page.outline()) if e.kind == "indicator"]
    IndicatorValue.objects.create(plan=page, indicator_id=employment.id, year=2021, value=62)
    IndicatorValue.objects.create(plan=page, indicator_id=employment.id, year=2023, value=65)
    IndicatorValue.objects.create(plan=page, indicator_id=unemployment.id, year=2022, value=9)

    outline = page.outline()
    employment, unemployment = [e for e in walk(outline) if e.kind == "indicator"]
    assert employment.latest == (2023, Decimal("65"))
    assert employment.progress == Decimal("0.5")
    assert employment.progress_2025 == Decimal("1"), "65 in 2023 meets the 2025 target of 65"
    assert unemployment.progress == Decimal("0.5")
    assert outline[0].progress == Decimal("0.5"), "the priority rolls its indicators up"
    assert page.revisions.count() == revisions, "recording values made no new plan version"


def test_open_data_round_trips_the_tree(site, client):
    page = make_plan(site, plan_tree(priorities=2, goals=2, objectives=1, measures=2, indicators=2))
    elements = list(walk(page.outline()))
    IndicatorValue.objects.create(
        plan=page, indicator_id=elements[4].id, year=2022, value=Decimal("12.5")
    )
    url = page.url

    response = client.get(url + "data/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["id"] for row in rows] == [element.id for element in elements]
    by_id = {row["id"]: row for row in rows}
    # Parse the table back into a tree and compare it with the plan's own tree.
    children = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row["id"])
    for element in elements:
        assert children.get(element.id, []) == [child.id for child in element.children]
        assert by_id[element.id]["number"] == element.number
        assert by_id[element.id]["title"] == element.title
    assert by_id[elements[4].id]["values"] == "2022=12.5"
    assert by_id[elements[4].id]["baseline_value"] == "10"

    response = client.get(url + "data/json/")
    assert response.status_code == 200
    document = json.loads(response.content)

    def flatten(nodes, parent=None):
        for node in nodes:
            yield node["id"], parent, node["number"], node["title"], node["kind"]
            yield from flatten(node["children"], node["id"])

    assert list(flatten(document["priorities"])) == [
        (e.id, e.parent.id if e.parent else None, e.number, e.title, e.kind) for e in elements
    ]
    assert document["version"] == page.version_label


def render_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_query_budget_does_not_grow_with_the_plan(site, client):
    group_ids = [site.lt["group"].pk]
    small = make_plan(site, plan_tree(group_ids=group_ids), slug="mazas")
    large = make_plan(
        site,
        plan_tree(
            priorities=5, goals=3, objectives=3, measures=3, indicators=2, group_ids=group_ids
        ),
        slug="didelis",
    )
    for page in (small, large):
        for element in walk(page.outline()):
            if element.kind == "indicator":
                IndicatorValue.objects.create(
                    plan=page, indicator_id=element.id, year=2022, value=12
                )
    # The plan page (its outline) and a priority's view (its 27 measures, of 135).
    for route, measures in (("", 0), ("priority/1/", 27)):
        # Warm Wagtail's site caches and the shell cache (breadcrumbs, language links).
        render_queries(client, small.url + route)
        render_queries(client, large.url + route)
        small_count, _ = render_queries(client, small.url + route)
        large_count, response = render_queries(client, large.url + route)
        html = response.content.decode()
        assert html.count('class="plan-node plan-node--measure"') == measures, route
        assert large_count == small_count, (
            f"{route}: {small_count} queries for 1 measure, {large_count} for {measures}"
        )
        assert large_count <= PLAN_PAGE_QUERY_BUDGET


def test_outline_links_filter_and_working_group_measures(site, client):
    group = site.lt["group"]
    page = make_plan(site, plan_tree(priorities=2, group_ids=[]), slug="su-grupe")
    raw = page.plan_tree.raw_data
    first_measure = raw[0]["value"]["goals"][0]["value"]["objectives"][0]["value"]["measures"][0]
    first_measure["value"]["responsible_groups"] = [{"type": "item", "value": group.pk, "id": "x"}]
    page.plan_tree = raw
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    measure_element = next(e for e in walk(page.outline()) if e.kind == "measure")

    html = client.get(f"{page.url}priority/1/").content.decode()
    assert f'id="measure-{measure_element.id}"' in html
    assert f'href="{group.url}"' in html, "the measure links to its working group"

    filtered = client.get(page.url, {"group": group.translation_key}).content.decode()
    assert "Prioritetas 1" in filtered and "Prioritetas 2" not in filtered

    group_html = client.get(group.url).content.decode()
    assert f"{page.url}priority/1/#measure-{measure_element.id}" in group_html
    assert "1.1.1.1. Priemonė 1.1.1.1" in group_html
