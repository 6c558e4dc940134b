"""Query budgets of the public pages: the number of database queries a page makes must not
grow with its data (no N+1 queries). Each page is measured with small data (about one of
each related thing) and again after ten times as much has been added; both requests must
cost the same number of queries, and no more than the page type's budget.

Measured on PostgreSQL 15 with the bilingual test site (tests.factories.build_site). Each
URL is requested once to warm the caches (the chrome's fragments, site root paths, image
renditions, the comment list), then counted. Every page costs Wagtail's own: the site and
the active locale (2), routing (the home page, then one query for each level below it:
core.routing) and the page's view restrictions (2); the chrome (menu, breadcrumbs,
language links, footer) and what a page keeps in fragments come from the cache
(core.chrome). No public page may cost more than 15 queries.
"""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.rich_text import RichText

from core import chrome
from plans.models import (
    Department,
    IndicatorPassport,
    IndicatorValue,
    MeasureOwner,
    MethodologyVersion,
    MonitoringReport,
    PlanDraftPage,
)
from plans.tree import walk
from tests.factories import (
    CityDocumentFactory,
    CityImageFactory,
    MeetingPageFactory,
    MembershipFactory,
    NewsArticlePageFactory,
    PlanDraftPageFactory,
    StandardPageFactory,
    WorkingGroupPageFactory,
    add_news_document,
    add_plan_document,
    plan_tree_json,
)
from tests.plans.plan_data import plan_tree

TODAY = datetime.date(2026, 1, 15)

# Wagtail leaves a temporary file open while it makes a rendition (wagtail/images/models.py).
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

# Queries measured per request: page type -> (small data, ten times the data). Wagtail's
# own part is 2 (site, locale) + routing (1 at the home page, 2 one level down, 3 two
# levels down, 4 three levels down) + 2 (view restrictions).
MEASURED = {
    # 5; its lists (open drafts, the plan's progress, groups, news) from fragments
    "home": (5, 5),
    "standard": (8, 8),  # 6 + 2 -> 11 figures and documents in the body
    "group_index": (7, 7),  # 6 + 1 -> 11 groups
    # 7; members, the formed-by order, meetings, drafts, measures and news from the group's
    # fragment; its comments from the comment list's fragment
    "group": (7, 7),
    # 8 + its group, its minutes' document; agenda items and decisions in its own row
    "meeting": (10, 10),
    "plan_index": (6, 6),  # 6; the drafts (1 -> 11) from a fragment
    # 7; its groups, sections with their documents and comment counts, the outline
    # (priorities and goals with their progress, decisions), the approval trail and
    # documents from fragments
    "draft": (7, 7),
    # 7 + the published versions, the approving decisions, the answered comments; the
    # text and plan-tree changes of two versions from a fragment
    "compare": (10, 10),
    # 7; a priority's measures, indicators (their owners, passports and methods), charts and
    # decisions from a fragment
    "priority": (7, 7),
    # 7; every priority in full (the printable plan) from a fragment
    "whole_plan": (7, 7),
    # 7 + the year's published editions; everything shown from the report's frozen content
    "report": (8, 8),
    # 6; the listing (2 -> 12 articles with tags, groups, counts, filters) from a fragment
    "news_index": (6, 6),
    "article": (7, 7),  # 7; tags, groups and documents from the article's fragment
    # the locale, and Wagtail's count of the search (3); the results (1 -> 11 pages and
    # documents, filters, promotions) kept rendered, the groups to filter by in a fragment
    "search": (4, 4),
}
# The most a request may cost. Raise a budget deliberately, never to hide an N+1.
QUERY_BUDGETS = {page_type: small for page_type, (small, _) in MEASURED.items()}


def count_queries(client, url):
    """The queries of a request after a warm-up one. Some fragments are kept for the minute
    (a draft's consultation phase, the plan index): when the minute turns between the two
    requests, the counted one makes them again, so both requests are repeated then (a
    full run under load once counted 15 queries for 13)."""
    for _ in range(2):
        minute = timezone.now().replace(second=0, microsecond=0)
        assert client.get(url).status_code == 200  # warm-up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if timezone.now().replace(second=0, microsecond=0) == minute:
            break
    assert response.status_code == 200
    return len(captured), captured, response.content.decode()


# Each grower adds `n` of the page's related things and returns the URL to measure and
# texts that the page must then show.


def grow_home(site, n):
    home = site.lt["home"]
    home.latest_news_count = 20
    home.save()
    added = []
    for _ in range(n):
        added.append(WorkingGroupPageFactory(parent=site.lt["group_index"]).title)
        added.append(NewsArticlePageFactory(parent=site.lt["news_index"]).title)
        added.append(PlanDraftPageFactory(parent=site.lt["plan_index"]).title)
    return home.url, added


def grow_standard(site, n):
    page = site.lt["standard"]
    blocks = [("heading", "Dokumentai"), ("paragraph", RichText("<p>Tekstas.</p>"))]
    added = []
    for i in range(n):
        image = CityImageFactory(alt_text=f"Nuotrauka {i} iš viršaus")
        document = CityDocumentFactory()
        blocks.append(("figure", {"image": image, "caption": f"Parašas {i}"}))
        blocks.append(("document", {"document": document, "label": ""}))
        blocks.append(("quote", {"text": f"Citata {i}", "source": "Šaltinis"}))
        added += [f'alt="{image.alt_text}"', document.title, f"Citata {i}"]
    page.body = blocks
    page.save()
    return page.url, added


def grow_group_index(site, n):
    groups = [WorkingGroupPageFactory(parent=site.lt["group_index"]) for _ in range(n)]
    return site.lt["group_index"].url, [group.title for group in groups]


def grow_group(site, n):
    group = site.lt["group"]
    added = []
    for _ in range(n):
        added.append(MembershipFactory(group=group).organisation)
        added.append(MeetingPageFactory(parent=group).title)
        draft = PlanDraftPageFactory(parent=site.lt["plan_index"])
        draft.responsible_groups.add(group)
        draft.save()
        article = NewsArticlePageFactory(parent=site.lt["news_index"], title=f"Apie {draft}")
        article.related_groups.add(group)
        article.save()
        added.append(draft.title)
    # The group lists its five latest articles only.
    return group.url, added


def grow_meeting(site, n):
    meeting = site.lt["meeting"]
    meeting.agenda = [("item", f"Klausimas {i}") for i in range(n)]
    meeting.decisions = [decision(f"Sprendimas {i}") for i in range(n)]
    meeting.save()
    return meeting.url, [f"Klausimas {i}" for i in range(n)] + [f"Sprendimas {i}" for i in range(n)]


def decision(text, plan_elements=()):
    return (
        "decision",
        {"text": RichText(f"<p>{text}</p>"), "plan_elements": list(plan_elements)},
    )


def grow_plan_index(site, n):
    drafts = [PlanDraftPageFactory(parent=site.lt["plan_index"]) for _ in range(n)]
    return site.lt["plan_index"].url, [draft.title for draft in drafts]


def grow_draft(site, n):
    draft = site.lt["draft"]
    groups = [WorkingGroupPageFactory(parent=site.lt["group_index"]) for _ in range(n)]
    for group in groups:
        draft.responsible_groups.add(group)
    section_documents = [CityDocumentFactory() for _ in range(n)]
    draft.sections = [
        (
            "section",
            {
                "heading": f"Skyrius {i}",
                "body": [
                    ("paragraph", RichText(f"<p>Tekstas {i}</p>")),
                    ("document", {"document": section_documents[i], "label": ""}),
                ],
            },
        )
        for i in range(n)
    ]
    tree, indicator_ids, _measure_ids = plan_tree_json(n, [group.pk for group in groups])
    draft.plan_tree = tree
    draft.save()
    for indicator_id in indicator_ids:
        for year in (2021, 2022):
            IndicatorValue.objects.create(
                plan=draft, indicator_id=indicator_id, year=year, value=12
            )
    attached = [add_plan_document(draft, CityDocumentFactory()).document for _ in range(n)]
    return draft.url, (
        [group.title for group in groups]
        + [f"Skyrius {i}" for i in range(n)]
        + [document.title for document in section_documents + attached]
        + [f"Prioritetas {i}" for i in range(1, n + 1)]
        + [f"Tikslas {i}" for i in range(1, n + 1)]
    )


def grow_compare(site, n):
    """Two published versions of the grown draft compared: sections, plan tree and the
    versions' decisions and answered comments."""
    grow_draft(site, n)
    draft = PlanDraftPage.objects.get(pk=site.lt["draft"].pk)
    older = draft.save_revision()
    older.publish()
    draft = PlanDraftPage.objects.get(pk=draft.pk)
    draft.sections[0].value["heading"] = "Pakeistas skyrius"
    newer = draft.save_revision()
    newer.publish()
    url = f"{draft.url}versions/compare/?from={older.pk}&to={newer.pk}"
    return url, ["Pakeistas skyrius"]


def grow_priority(site, n):
    """A priority's own view: its measures, their groups, indicators and decisions grow."""
    draft = site.lt["draft"]
    groups = [WorkingGroupPageFactory(parent=site.lt["group_index"]) for _ in range(n)]
    draft.plan_tree = plan_tree(priorities=1, measures=n, group_ids=[g.pk for g in groups])
    draft.save()
    draft = PlanDraftPage.objects.get(pk=draft.pk)
    elements = list(walk(draft.outline()))
    measures = [element for element in elements if element.kind == "measure"]
    meetings = [
        MeetingPageFactory(parent=group, decisions=[decision(f"Dėl {measure.title}", [measure.id])])
        for group, measure in zip(groups, measures, strict=True)
    ]
    # Each measure and indicator has its owner (a department), each indicator its passport
    # with two method versions (a break in its series).
    departments = []
    for element in elements:
        if element.kind not in ("measure", "indicator"):
            continue
        department, _ = Department.objects.get_or_create(name=f"Skyrius {element.number}")
        departments.append(department.name)
        if element.kind == "measure":
            MeasureOwner.objects.create(plan=draft, element_id=element.id, department=department)
            continue
        for year in (2021, 2022):
            IndicatorValue.objects.create(plan=draft, indicator_id=element.id, year=year, value=12)
        passport = IndicatorPassport.objects.create(
            plan=draft, element_id=element.id, department=department, source_name="OSP"
        )
        for version, year in (("1", 2019), ("2", 2022)):
            MethodologyVersion.objects.create(
                passport=passport, version=version, valid_from_year=year, change="-", date=TODAY
            )
    return f"{draft.url}priority/1/", (
        [group.title for group in groups]
        + [measure.title for measure in measures]
        + [f'href="{meeting.url}#decision-1"' for meeting in meetings]
        + departments
    )


def grow_whole_plan(site, n):
    """The printable whole plan: everything a priority's view shows, for every priority."""
    url, added = grow_priority(site, n)
    return url.replace("priority/1/", "print/"), added


def grow_report(site, n):
    """A yearly monitoring report: the priority's measures and indicators grow, and a new
    edition is published."""
    url, _added = grow_priority(site, n)
    draft = PlanDraftPage.objects.get(pk=site.lt["draft"].pk)
    MonitoringReport.objects.create(plan=draft, year=2022).publish()
    measures = [element for element in walk(draft.outline()) if element.kind == "measure"]
    return url.replace("priority/1/", "report/2022/"), [measure.title for measure in measures]


def grow_news_index(site, n):
    added = []
    for _ in range(n):
        group = WorkingGroupPageFactory(parent=site.lt["group_index"])
        article = NewsArticlePageFactory(parent=site.lt["news_index"])
        article.tags.add(f"tema {article.pk}")
        article.related_groups.add(group)
        article.save()
        added += [article.title, f"tema {article.pk}", group.title]
    return site.lt["news_index"].url, added


def grow_article(site, n):
    article = site.lt["article"]
    added = []
    for _ in range(n):
        group = WorkingGroupPageFactory(parent=site.lt["group_index"])
        article.tags.add(f"tema {group.pk}")
        article.related_groups.add(group)
        added += [group.title, f"tema {group.pk}"]
    article.save()
    for _ in range(n):
        added.append(add_news_document(article, CityDocumentFactory()).document.title)
    return article.url, added


def grow_search(site, n):
    home = site.lt["home"]
    start = home.get_children().count()
    pages = [
        StandardPageFactory(parent=home, title=f"Biudžeto ataskaita {start + i}") for i in range(n)
    ]
    return "/lt/search/?q=ataskaita", [page.title for page in pages]


GROWERS = {
    "home": grow_home,
    "standard": grow_standard,
    "group_index": grow_group_index,
    "group": grow_group,
    "meeting": grow_meeting,
    "plan_index": grow_plan_index,
    "draft": grow_draft,
    "compare": grow_compare,
    "priority": grow_priority,
    "whole_plan": grow_whole_plan,
    "report": grow_report,
    "news_index": grow_news_index,
    "article": grow_article,
    "search": grow_search,
}


def test_every_public_page_type_has_a_budget():
    assert set(GROWERS) == set(QUERY_BUDGETS)
    over = {page: budget for page, budget in QUERY_BUDGETS.items() if budget > 15}
    assert not over, f"a public page may cost at most 15 queries: {over}"


@pytest.mark.parametrize("page_type", list(GROWERS))
def test_query_count_holds_when_data_grows_tenfold(page_type, site_tree, client):
    grow = GROWERS[page_type]
    url, _ = grow(site_tree, 1)
    small, _, _ = count_queries(client, url)
    url, added = grow(site_tree, 10)
    # The factories make live pages without Wagtail's publish signals, which would have made
    # the fragments that show other pages stale (core.chrome): as if they had been published.
    chrome.bump()
    large, captured, html = count_queries(client, url)

    print(f"\n{page_type}: {small} -> {large}")
    missing = [text for text in added if text not in html]
    assert not missing, f"the page does not show what was added: {missing}"
    queries = "\n".join(query["sql"] for query in captured.captured_queries)
    assert large == small, (
        f"{page_type}: {small} queries with small data, {large} with ten times as much:\n{queries}"
    )
    assert large <= QUERY_BUDGETS[page_type], (
        f"{page_type}: {large} queries, budget {QUERY_BUDGETS[page_type]}:\n{queries}"
    )
