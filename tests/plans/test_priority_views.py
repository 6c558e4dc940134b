"""A plan of real size on a phone: the plan page holds the outline (priorities and goals with
their progress), each priority has a view of its own with everything below it, the plan
page's script loads that in place, and one page holds the whole plan for printing."""

import re

import pytest

from django.contrib.auth.models import Group

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from plans.models import IndicatorValue, PlanDraftPage
from plans.tree import walk
from tests.factories import PlanDraftPageFactory
from tests.plans.plan_data import plan_tree

pytestmark = pytest.mark.django_db

FIRST_VIEW_BUDGET = 250 * 1024  # bytes of HTML a phone loads to see the plan
PURGED = []


class RecordingProxy(BaseBackend):
    """Stands for the caching proxy: records the addresses Wagtail asks it to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def site(lt_site):
    """The Lithuanian site, built once for the module (tests/conftest.py)."""
    return lt_site


@pytest.fixture
def large_plan(site):
    """5 priorities × 3 goals × 3 objectives × 3 measures × 2 indicators, each indicator with
    values: the size of a real plan (135 measures, 270 charts)."""
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"],
        title="Didelis planas",
        slug="didelis",
        stage=PlanDraftPage.Stage.ADOPTED,
        plan_tree=plan_tree(
            priorities=5,
            goals=3,
            objectives=3,
            measures=3,
            indicators=2,
            group_ids=[site.lt["group"].pk],
        ),
    )
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(plan=page, indicator_id=element.id, year=year, value=value)
        for element in walk(page.outline())
        if element.kind == "indicator"
        for year, value in ((2022, 12), (2024, 14))
    )
    return page


def elements(page, kind):
    return [element for element in walk(page.outline()) if element.kind == kind]


def test_the_plan_page_of_a_large_plan_is_its_outline_and_fits_a_phone(client, large_plan):
    response = client.get(large_plan.url)
    html = response.content.decode()
    assert len(response.content) <= FIRST_VIEW_BUDGET, f"{len(response.content)} bytes"
    # Every priority and goal with its progress; nothing below the goals.
    for element in elements(large_plan, "priority") + elements(large_plan, "goal"):
        assert f'id="{element.anchor}"' in html
        assert f"{element.number}.</span> {element.title}" in html
    assert html.count('class="progress-bar"') == 5 + 15
    assert "Priemonė 1.1.1.1" not in html and "<svg" not in html
    # Each priority links to its own view, which the script can load in place.
    for number in range(1, 6):
        assert f'href="{large_plan.url}priority/{number}/"' in html
        assert f'data-detail-url="{large_plan.url}priority/{number}/detail/"' in html
    assert f'href="{large_plan.url}print/"' in html


def test_a_priority_view_holds_everything_below_the_priority(client, large_plan):
    response = client.get(f"{large_plan.url}priority/2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1><span[^>]*>2\.</span> Prioritetas 2</h1>", html)
    assert "<title>2. Prioritetas 2 | Didelis planas" in html
    measures = [m for m in elements(large_plan, "measure") if m.number.startswith("2.")]
    assert len(measures) == 27
    for measure in measures:
        assert f'id="{measure.anchor}"' in html
    assert "Priemonė 1.1.1.1" not in html and "Priemonė 3.1.1.1" not in html
    assert html.count("<svg") == 54, "a chart for each of its indicators"
    assert html.count('class="plan-node__title" id="goal-') == 3
    assert '<h2 class="plan-node__title" id="goal-' in html, "goals under the priority's h1"
    # The way on: the plan's outline, the previous and the next priority.
    assert f'href="{large_plan.url}priority/1/" rel="prev"' in html
    assert f'href="{large_plan.url}priority/3/" rel="next"' in html
    assert 'aria-current="page">2 prioritetas</a>' in html, "the breadcrumbs end with it"


def test_a_priority_view_that_does_not_exist_is_not_found(client, large_plan):
    for number in ("0", "6", "x"):
        assert client.get(f"{large_plan.url}priority/{number}/").status_code == 404
        assert client.get(f"{large_plan.url}priority/{number}/detail/").status_code == 404


def test_the_part_loaded_in_place_is_the_priority_without_the_sites_chrome(client, large_plan):
    response = client.get(f"{large_plan.url}priority/1/detail/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "<html" not in html and "site-header" not in html
    # Under the plan page's h3 of the priority: goals h4, objectives h5, measures h6.
    assert html.count('<h4 class="plan-node__title"') == 3
    assert html.count('<h6 class="plan-node__title"') == 27
    assert html.count("<svg") == 54
    measure = elements(large_plan, "measure")[0]
    assert f'href="{large_plan.url}priority/1/#{measure.anchor}"' in html, "its own address"


def test_the_whole_plan_prints_from_one_page(client, large_plan):
    response = client.get(f"{large_plan.url}print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    for element in walk(large_plan.outline()):
        assert f'id="{element.anchor}"' in html
    assert html.count("<svg") == 270
    assert "Skyrius 1" in html, "the plan's text as well as its structure"


def test_old_links_to_an_element_of_the_plan_page_lead_to_its_priority_view(client, large_plan):
    measure = elements(large_plan, "measure")[40]  # in priority 2
    indicator = elements(large_plan, "indicator")[-1]  # in priority 5
    for element, number in ((measure, 2), (indicator, 5)):
        response = client.get(f"{large_plan.url}element/", {"id": element.anchor})
        assert response.status_code == 302
        assert response["Location"] == f"{large_plan.url}priority/{number}/#{element.anchor}"
        assert f'id="{element.anchor}"' in client.get(response["Location"]).content.decode()
    for unknown in ("measure-00000000-0000-0000-0000-000000000000", "page-1", "", "x" * 500):
        response = client.get(f"{large_plan.url}element/", {"id": unknown})
        assert response.status_code == 404, unknown


def test_a_working_groups_measures_link_to_their_priority_view(client, site, large_plan):
    html = client.get(site.lt["group"].url).content.decode()
    for measure in elements(large_plan, "measure"):
        priority = measure.number.split(".")[0]
        assert f'href="{large_plan.url}priority/{priority}/#{measure.anchor}"' in html


def test_filtering_by_a_group_lists_its_measures_under_their_goals(client, site):
    group = site.lt["group"]
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"], slug="su-grupe", plan_tree=plan_tree(priorities=2)
    )
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    raw = page.plan_tree.raw_data
    second = raw[1]["value"]["goals"][0]["value"]["objectives"][0]["value"]["measures"][0]
    second["value"]["responsible_groups"] = [{"type": "item", "value": group.pk, "id": "x"}]
    page.plan_tree = raw
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    measure = elements(page, "measure")[1]

    html = client.get(page.url, {"group": group.translation_key}).content.decode()
    assert "Prioritetas 2" in html and "Prioritetas 1" not in html
    assert f'href="{page.url}priority/2/#{measure.anchor}"' in html
    assert "Priemonė 2.1.1.1" in html


@pytest.mark.parametrize(
    "restriction",
    [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS],
)
def test_a_private_plans_priority_views_ask_for_the_login_like_the_plan(
    client, large_plan, restriction
):
    made = PageViewRestriction.objects.create(
        page=large_plan, restriction_type=restriction, password="slaptas-2030"
    )
    if restriction == PageViewRestriction.GROUPS:
        made.groups.add(Group.objects.create(name="Planuotojai"))
    for route in ("", "priority/1/", "priority/1/detail/", "print/", "element/"):
        response = client.get(
            large_plan.url + route, {"id": elements(large_plan, "goal")[0].anchor}
        )
        assert response.status_code in (200, 302), route  # the password form or the login
        assert "Prioritetas 1" not in response.content.decode(), route
        assert "priority/1/#" not in response.get("Location", ""), route


def test_publishing_the_plan_drops_its_priority_views_from_every_cache(
    client, settings, large_plan
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "proxy": {"BACKEND": "tests.plans.test_priority_views.RecordingProxy"},
    }
    PURGED.clear()
    routes = ["priority/1/", "priority/5/", "priority/5/detail/", "print/"]
    for route in routes:
        client.get(large_plan.url + route)
        assert client.get(large_plan.url + route)["X-Page-Cache"] == "hit", route

    raw = large_plan.plan_tree.raw_data
    raw[4]["value"]["title"] = "Prioritetas penktas"
    large_plan.plan_tree = raw
    large_plan.save_revision().publish()

    for route in routes:
        response = client.get(large_plan.url + route)
        assert response["X-Page-Cache"] == "miss", route
        assert any(purged.endswith(large_plan.url + route) for purged in PURGED), route
    assert "Prioritetas penktas" in client.get(f"{large_plan.url}priority/5/").content.decode()


def test_a_groups_members_read_as_one_block_per_member_on_a_phone(client, site):
    """The members' table keeps its table semantics when a phone shows each row as a block:
    every cell is labelled with its column."""
    html = client.get(site.lt["group"].url).content.decode()
    table = html[html.index('<table class="table table--stack"') : html.index("</table>")]
    assert 'role="table"' in table
    assert table.count('role="row"') == 3
    assert table.count('data-label="Organizacija"') == 2
    assert table.count('data-label="Kategorija"') == 2
