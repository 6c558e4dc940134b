"""The yearly monitoring report: frozen once published, a new edition for corrections, its
page, PDF and open data, and the admin that makes it."""

import csv
import io
import json

import pytest
from pypdf import PdfReader

from django.urls import reverse

from plans.models import IndicatorValue, MonitoringReport, PlanDraftPage
from plans.tree import walk
from tests.plans.plan_data import plan_tree

NBSP = "\u00a0"


@pytest.fixture
def plan(site_tree):
    """The adopted plan: one indicator (baseline 10 in 2019, target 20), values for 2021,
    2022 and — after the report's year — 2023."""
    draft = PlanDraftPage.objects.get(pk=site_tree.lt["draft"].pk)
    draft.plan_tree = plan_tree()
    draft.stage = PlanDraftPage.Stage.ADOPTED
    draft.save_revision().publish()
    draft = PlanDraftPage.objects.get(pk=draft.pk)
    (indicator,) = [e for e in walk(draft.outline()) if e.kind == "indicator"]
    for year, value in ((2021, 12), (2022, 14), (2023, 30)):
        IndicatorValue.objects.create(plan=draft, indicator_id=indicator.id, year=year, value=value)
    draft.indicator = indicator.id
    return draft


def published(plan, year=2022):
    report = MonitoringReport.objects.create(plan=plan, year=year)
    report.publish()
    return report


def text_of(response):
    return response.content.decode().replace(NBSP, " ")


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages).replace(NBSP, " ")


# Baseline 10 (2019), 12 (2021), 14 (2022): +40 %; 2023 is after the report's year.
FIRST = "Padidėjo nuo 10 (2019 m.) iki 14 (2022 m.), +40 %."
# The 2022 value corrected to 11: +10 %.
CORRECTED = "Padidėjo nuo 10 (2019 m.) iki 11 (2022 m.), +10 %."


def test_a_published_report_is_frozen_and_a_new_edition_shows_corrections(plan, client):
    report = published(plan)
    assert report.edition == 1
    url = plan.url + "report/2022/"
    html = text_of(client.get(url))
    assert "2022 m. stebėsenos ataskaita" in html
    assert FIRST in html
    assert "(2023 m.)" not in html, "values after the report's year do not count"

    IndicatorValue.objects.filter(indicator_id=plan.indicator, year=2022).update(value=11)
    IndicatorValue.objects.get(indicator_id=plan.indicator, year=2022).save()  # signals
    live = text_of(client.get(plan.url + "priority/1/"))
    assert '<th scope="row">2022</th><td>11</td>' in live, "the plan page shows the correction"
    html = text_of(client.get(url))
    assert FIRST in html and CORRECTED not in html, "the published report did not"
    assert FIRST in pdf_text(client.get(url + "1/pdf/"))

    second = published(plan)
    assert second.edition == 2
    html = text_of(client.get(url))
    assert CORRECTED in html, "the year's address shows the latest edition"
    assert FIRST in text_of(client.get(url + "1/")), "the first edition stays as it was"
    assert CORRECTED in text_of(client.get(url + "2/"))


def test_the_pdf_holds_the_report_in_lithuanian(plan, client):
    published(plan)
    text = pdf_text(client.get(plan.url + "report/2022/1/pdf/"))
    assert "2022 m. stebėsenos ataskaita" in text
    assert FIRST in text
    assert "Prioritetas 1" in text and "Priemonė 1.1.1.1" in text
    assert "Kyla rizika" in text or "Pagal planą" in text or "Atsiliekama" in text


def test_unpublished_and_missing_reports_are_not_found(plan, client):
    MonitoringReport.objects.create(plan=plan, year=2022)
    assert client.get(plan.url + "report/2022/").status_code == 404
    assert client.get(plan.url + "report/2019/1/pdf/").status_code == 404


def test_the_plan_lists_its_reports_at_once_and_purges_their_addresses(plan, client):
    client.get(plan.url)  # the plan page's fragments are kept
    published(plan)
    html = text_of(client.get(plan.url))
    assert f'href="{plan.url}report/2022/1/"' in html
    paths = plan.get_cached_paths()
    assert {"/report/2022/", "/report/2022/1/", "/report/2022/1/pdf/", "/data/reports/"} <= set(
        paths
    )


def test_open_data_of_the_reports(plan, client):
    report = published(plan)
    listing = client.get(plan.url + "data/reports/").json()
    (entry,) = listing["reports"]
    assert entry["year"] == 2022 and entry["edition"] == 1
    assert entry["pdf"].endswith(f"{plan.url}report/2022/1/pdf/")
    document = client.get(plan.url + "report/2022/1/json/").json()
    assert document["published_at"] == report.published_at.isoformat()
    (indicator,) = document["priorities"][0]["indicators"]
    assert indicator["values"] == {"2021": "12", "2022": "14"}
    assert indicator["narrative"].replace(NBSP, " ").startswith(FIRST)
    assert indicator["status"] in {"on_track", "at_risk", "off_track"}
    assert json.dumps(document)  # plain JSON, nothing pickled
    # The plan's own open data carries each element's status and projection year: with all
    # values the latest (2023: 30) already meets the target 20 → on track, no projection.
    rows = list(csv.DictReader(io.StringIO(client.get(plan.url + "data/csv/").content.decode())))
    indicator_row = next(row for row in rows if row["kind"] == "indicator")
    assert (indicator_row["status"], indicator_row["projection_year"]) == ("on_track", "")
    # The report (values up to 2022): (2019, 10), (2021, 12), (2022, 14); years from 2019:
    # 0, 2, 3 → slope (3 × 66 − 5 × 36) / (3 × 13 − 5²) = 18/14 = 9/7, the line at 2019
    # (36 − 5 × 9/7) / 3 = 69/7; it reaches 20 after (20 − 69/7) / (9/7) = 71/9 ≈ 7.9 years → 2027.
    assert document["priorities"][0]["indicators"][0]["projection_year"] == 2027


def test_the_english_page_shows_the_english_content(plan, client, site_tree):
    published(plan)
    english = PlanDraftPage.objects.get(pk=site_tree.en["draft"].pk)
    html = text_of(client.get(english.url + "report/2022/"))
    assert "Monitoring report 2022" in html


def test_editors_publish_in_the_admin_and_a_published_report_stays_frozen(plan, admin_client):
    add = reverse("wagtailsnippets_plans_monitoringreport:add")
    response = admin_client.post(add, {"plan": plan.pk, "year": 2022, "note": "", "publish": "on"})
    assert response.status_code == 302
    report = MonitoringReport.objects.get(plan=plan)
    assert report.is_published and report.snapshot["year"] == 2022
    listing = admin_client.get(reverse("wagtailsnippets_plans_monitoringreport:list"))
    assert f'href="{plan.url}report/2022/1/"' in listing.content.decode()
    edit = reverse("wagtailsnippets_plans_monitoringreport:edit", args=[report.pk])
    response = admin_client.post(edit, {"plan": plan.pk, "year": 2021, "note": "Pakeista"})
    assert response.status_code == 200
    assert "paskelbta ir užfiksuota" in response.content.decode()
    report.refresh_from_db()
    assert report.year == 2022
    response = admin_client.post(add, {"plan": plan.pk, "year": 2999, "note": ""})
    assert "Pasirinkite metus nuo 2000 iki" in response.content.decode()
