"""Comparing two published versions of a plan draft: its text by section, its plan tree by
element, and the change ledger as open data (JSON and CSV).

Each version is published the way the admin stores it: sections as rich text whose
paragraphs carry the editor's ``data-block-key`` (new keys on every save), the plan tree as
blocks with stable ids.
"""

import copy
import csv
import io
import re
import uuid

import pytest

from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from core.versions import published_revisions
from feedback.models import Disposition
from plans.models import PlanDraftPage
from tests.approvals.helpers import draft_form_data
from tests.factories import (
    HomePageFactory,
    PlanDraftPageFactory,
    PlanIndexPageFactory,
    ensure_locales,
    ensure_root,
)
from tests.feedback.helpers import make_comment
from tests.plans.plan_data import indicator, measure

pytestmark = pytest.mark.django_db

VISION = (
    '<p data-block-key="{k}1">2030 m. Alytus – moderni, žalia ir svetinga Dzūkijos sostinė, '
    "kurioje gera gyventi, dirbti ir kurti.</p>"
    '<p data-block-key="{k}2">Plano projektą rengia darbo grupės.</p>'
    '<ul><li data-block-key="{k}3">Konkurencinga ekonomika.</li>'
    '<li data-block-key="{k}4">Kokybiškas švietimas.</li></ul>'
)


def sections(text, key):
    return [
        {
            "type": "section",
            "id": "0b7a5d2e-0000-4000-8000-000000000001",
            "value": {
                "heading": "Vizija",
                "body": [
                    {
                        "type": "paragraph",
                        "id": str(uuid.uuid4()),
                        "value": text.format(k=key),
                    }
                ],
            },
        }
    ]


def item(value, block_type="item"):
    return {"type": block_type, "id": str(uuid.uuid4()), "value": value}


def tree():
    """Two objectives; the first has two measures, each with an indicator."""
    park = measure("Pramonės parkas", indicators=[item(indicator("Užimtumas", target_2030="3200"))])
    schools = measure("Mokyklų renovacija", indicators=[item(indicator("Renovuotos mokyklos"))])
    return [
        item(
            {
                "title": "Ekonomika",
                "description": "",
                "goals": [
                    item(
                        {
                            "title": "Daugiau darbo vietų",
                            "description": "",
                            "objectives": [
                                item(
                                    {
                                        "title": "Investicijos",
                                        "measures": [item(park), item(schools)],
                                    }
                                ),
                                item({"title": "Švietimas", "measures": []}),
                            ],
                        }
                    )
                ],
            },
            "priority",
        )
    ]


@pytest.fixture
def plan_index(db):
    """The Lithuanian site's home and plan index, no more."""
    locale, _english = ensure_locales()
    home = HomePageFactory(parent=ensure_root(locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return PlanIndexPageFactory(parent=home)


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return PlanDraftPage.objects.get(pk=page.pk)


@pytest.fixture
def draft(plan_index):
    page = PlanDraftPageFactory(
        parent=plan_index,
        title="Plano projektas",
        slug="plano-projektas",
        sections=sections(VISION, "a"),
        plan_tree=tree(),
        version_label="0.1",
        change_note="Pirmasis projektas.",
    )
    return publish(PlanDraftPage.objects.get(pk=page.pk))


def compare_html(client, page):
    first, second = published_revisions(page)[-2:]
    response = client.get(f"{page.url}versions/compare/?from={first.pk}&to={second.pk}")
    assert response.status_code == 200
    return response.content.decode()


def article(html):
    return re.search(r'<article class="plan-compare">.*</article>', html, re.S).group(0)


def test_two_identical_versions_show_no_change(client, draft):
    # Saved again without an edit: the editor gave every paragraph new block keys.
    page = publish(draft, sections=sections(VISION, "b"), version_label="0.2")
    html = article(compare_html(client, page))
    assert "Pakeitimų nėra: šių dviejų versijų tekstas ir plano struktūra sutampa." in html
    assert html.count("<ins>") == 1 and html.count("<del>") == 1, "only the legend is marked"
    assert "diff--changed" not in html and "diff--unchanged" in html


def test_one_word_changed_marks_exactly_that_word(client, draft):
    page = publish(draft, sections=sections(VISION.replace("žalia", "žalesnė"), "c"))
    html = article(compare_html(client, page))
    section = re.search(r'<section class="diff diff--changed".*?</section>', html, re.S).group(0)
    short = section.split('<details class="diff-whole">')[0]
    assert re.findall(r"<(ins|del)>(.*?)</\1>", short) == [("del", "žalia"), ("ins", "žalesnė")]
    whole = section.split('<details class="diff-whole">')[1]
    assert re.findall(r"<(ins|del)>(.*?)</\1>", whole) == [("del", "žalia"), ("ins", "žalesnė")]
    # The heading is shown once; paragraphs and list items keep their breaks in the whole view.
    assert section.count("Vizija") == 1
    assert "<p>Plano projektą rengia darbo grupės.</p>" in whole
    assert "<ul><li>Konkurencinga ekonomika.</li><li>Kokybiškas švietimas.</li></ul>" in whole
    assert "sostinė, kurioje" in short, "a short context around the change"
    assert "Kokybiškas" not in short, "unchanged paragraphs are left out of the short view"


def changed_tree(page):
    """Version 2: the schools measure moved to the second objective, the employment target
    lowered, the schools indicator removed and a new one added to the park."""
    raw = copy.deepcopy(page.plan_tree.raw_data)
    objectives = raw[0]["value"]["goals"][0]["value"]["objectives"]
    park, schools = objectives[0]["value"]["measures"]
    objectives[0]["value"]["measures"] = [park]
    schools["value"]["indicators"] = []
    objectives[1]["value"]["measures"] = [schools]
    park["value"]["indicators"][0]["value"]["target_2030"] = "3000"
    park["value"]["indicators"].append(item(indicator("Naujos darbo vietos")))
    return raw


def test_the_plan_tree_is_compared_by_element(client, draft):
    page = publish(draft, plan_tree=changed_tree(draft), version_label="0.2")
    html = article(compare_html(client, page))
    moved = re.search(
        r'<section class="element-change element-change--moved".*?</section>', html, re.S
    )
    assert "Mokyklų renovacija" in moved.group(0)
    assert "perkelta iš 1.1.1.2 į 1.1.2.1" in moved.group(0)
    target = re.search(
        r'<section class="element-change element-change--changed".*?</section>', html, re.S
    )
    assert "Užimtumas" in target.group(0)
    assert "<dt>Siektina reikšmė 2030 m.</dt>" in target.group(0)
    assert "<del>3\u00a0200</del> → <ins>3\u00a0000</ins>" in target.group(0)
    added = re.search(
        r'element-change--added" id="change-indicator-([\w-]+)">\s*<h3>(.*?)</h3>', html, re.S
    )
    assert "Naujos darbo vietos" in added.group(2)
    removed = re.search(
        r'element-change--removed" id="change-indicator-([\w-]+)">\s*<h3>(.*?)</h3>', html, re.S
    )
    assert "Renovuotos mokyklos" in removed.group(2)
    # The summary on top, in Lithuanian forms, each change linked.
    summary = re.search(r'<section class="compare-summary".*?</section>', html, re.S).group(0)
    assert "1 perkelta priemonė" in summary
    assert "1 naujas rodiklis" in summary
    assert "1 išbrauktas rodiklis" in summary
    assert "1 pakeista siektina reikšmė" in summary
    assert f'href="#change-indicator-{added.group(1)}"' in summary
    assert f'href="#change-indicator-{removed.group(1)}"' in summary


def test_the_change_ledger_as_json_and_csv(client, draft):
    page = publish(
        draft,
        plan_tree=changed_tree(draft),
        sections=sections(VISION.replace("žalia", "žalesnė"), "d"),
        version_label="0.2",
        change_note="Perkelta priemonė, sumažinta siektina reikšmė.",
    )
    first, second = published_revisions(page)[-2:]
    query = f"?from={first.pk}&to={second.pk}"
    data = client.get(f"{page.url}data/changes.json{query}").json()
    assert data["from"]["version"] == "0.1" and data["to"]["version"] == "0.2"
    assert data["to"]["change_note"] == "Perkelta priemonė, sumažinta siektina reikšmė."
    rows = {(row["change"], row["kind"], row["field"]): row for row in data["changes"]}
    assert rows["moved", "measure", ""]["number_from"] == "1.1.1.2"
    assert rows["moved", "measure", ""]["parent_to"] == "1.1.2"
    target = rows["changed", "indicator", "target_2030"]
    assert (target["value_from"], target["value_to"]) == ("3200", "3000")
    assert rows["added", "indicator", ""]["title"] == "Naujos darbo vietos"
    assert rows["removed", "indicator", ""]["title"] == "Renovuotos mokyklos"
    text = rows["changed", "section", "text"]
    assert "žalia" in text["value_from"] and "žalesnė" in text["value_to"]
    assert "\n" in text["value_to"], "one paragraph a line"

    response = client.get(f"{page.url}data/changes.csv{query}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["change"] for row in table] == [row["change"] for row in data["changes"]]
    assert {row["value_to"] for row in table if row["field"] == "target_2030"} == {"3000"}


def test_a_title_that_looks_like_a_formula_is_text_in_the_csv(client, draft):
    raw = copy.deepcopy(draft.plan_tree.raw_data)
    raw[0]["value"]["title"] = '=HYPERLINK("http://x")'
    page = publish(draft, plan_tree=raw)
    response = client.get(f"{page.url}data/changes.csv")
    assert "'=HYPERLINK" in response.content.decode()


@pytest.mark.parametrize("query", ["?from=1&to=2", "?from=x&to=", "?from=FIRST"])
def test_a_bad_choice_of_versions_is_a_clear_404(client, draft, query):
    first = published_revisions(draft)[0]
    query = query.replace("FIRST", str(first.pk))
    response = client.get(f"{draft.url}data/changes.json{query}")
    assert response.status_code == 404
    assert response.json()["error"]
    assert client.get(f"{draft.url}data/changes.csv{query}").status_code == 404


def test_a_private_or_unpublished_draft_has_no_ledger(client, draft):
    publish(draft, version_label="0.2")
    url = f"{draft.url}data/changes.json"
    PageViewRestriction.objects.create(
        page=draft, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    assert client.get(url).status_code == 404
    PageViewRestriction.objects.all().delete()
    assert client.get(url).status_code == 200
    draft.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"change_note": "", "version_label": "0.2"},
            "Prieš teikdami versiją tvirtinti, nurodykite, kas joje pakeista.",
        ),
        (
            {"change_note": "Pataisyta vizija.", "version_label": "0.1"},
            "Versija 0.1 jau paskelbta: suteikite šiai versijai naują numerį.",
        ),
        ({"change_note": "Pataisyta vizija.", "version_label": "0.2"}, None),
    ],
)
def test_a_version_submitted_for_approval_needs_a_new_number_and_a_note(
    admin_client, draft, changes, error
):
    data = {**draft_form_data(draft, **changes), "action-submit": "1"}
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    if error:
        assert response.status_code == 200
        assert error in response.content.decode()
    else:
        assert response.status_code == 302
        latest = PlanDraftPage.objects.get(pk=draft.pk).get_latest_revision()
        assert latest.content["change_note"] == "Pataisyta vizija."
    # Saving a draft without submitting it needs neither.
    saved = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        draft_form_data(draft, change_note="", version_label="0.1"),
    )
    assert saved.status_code == 302


def test_the_compare_lists_the_comments_on_the_older_version_and_their_dispositions(client, draft):
    first = published_revisions(draft)[0]
    answered = make_comment(draft, comment="Siūlau rašyti „žalesnė“.", revision=first)
    Disposition.objects.create(
        comment=answered, outcome=Disposition.Outcome.ACCEPTED, reason="Pataisyta vizija."
    )
    make_comment(draft, comment="Be sprendimo.", revision=first)
    page = publish(draft, sections=sections(VISION.replace("žalia", "žalesnė"), "e"))
    later = make_comment(page, comment="Apie naująją versiją.", revision=page.live_revision)
    Disposition.objects.create(comment=later, outcome=Disposition.Outcome.PARTLY, reason="-")
    html = article(compare_html(client, page))
    listed = re.search(r'<ul class="answered-comments">.*?</ul>', html, re.S).group(0)
    assert "Siūlau rašyti „žalesnė“." in listed and "Pataisyta vizija." in listed
    assert "Priimta" in listed
    assert "Be sprendimo." not in listed, "a comment without a disposition is not answered yet"
    assert "Apie naująją versiją." not in listed, "made on the newer version"
