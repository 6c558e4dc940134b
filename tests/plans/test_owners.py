"""Who answers for the plan's measures and indicators, where the data come from, and how the
method changed: owners and passports kept by element id, checked against the plan, shown in
the priorities' views (the contact only when the site settings say so), a change of method
drawn as a break in the chart, the table and the open data."""

import csv
import datetime
import io
import json
import re
import uuid
from decimal import Decimal
from fractions import Fraction

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core import chrome
from home.models import SiteSettings
from plans.models import (
    Department,
    IndicatorPassport,
    IndicatorValue,
    MeasureOwner,
    MethodologyVersion,
    PlanDraftPage,
)
from plans.tree import walk
from tests.plans.plan_data import plan_tree

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)
VALUES = {2020: "12.4", 2021: "11.8", 2022: "11.2", 2023: "9.8", 2024: "9.1"}


@pytest.fixture
def plan(site_tree):
    """The site's draft with one measure and one indicator, in Lithuanian and English (the
    same element ids), the indicator with five yearly values."""
    page = site_tree.lt["draft"]
    page.plan_tree = plan_tree()
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    english = site_tree.en["draft"]
    english.plan_tree = page.plan_tree.raw_data
    english.save_revision().publish()
    elements = {element.kind: element for element in walk(page.outline())}
    page.measure_id, page.indicator_id = elements["measure"].id, elements["indicator"].id
    page.english_url = PlanDraftPage.objects.get(pk=english.pk).url
    for year, value in VALUES.items():
        IndicatorValue.objects.create(
            plan=page, indicator_id=page.indicator_id, year=year, value=value
        )
    return page


@pytest.fixture
def department():
    return Department.objects.create(
        name="Strateginio planavimo skyrius", name_en="Strategic Planning Department"
    )


@pytest.fixture
def passport(plan, department):
    """The indicator's passport: a department, a contact, the Official Statistics Portal's
    table, and a method changed from 2023."""
    passport = IndicatorPassport.objects.create(
        plan=plan,
        element_id=plan.indicator_id,
        department=department,
        contact_name="Skyriaus vedėjas",
        contact_email="planas@alytus.example",
        contact_phone="+370 315 00 000",
        source_name="Oficialiosios statistikos portalas",
        source_name_en="Official Statistics Portal",
        source_table="M3010211",
        source_url="https://osp.stat.gov.lt/",
        periodicity=IndicatorPassport.Periodicity.YEARLY,
        publication_lag_months=4,
        definition="Registruotų bedarbių dalis.",
        definition_en="The share of the registered unemployed.",
    )
    for version, year, change in (("1", 2019, "Pradinė metodika."), ("2", 2023, "Nauja bazė.")):
        MethodologyVersion.objects.create(
            passport=passport,
            version=version,
            valid_from_year=year,
            change=change,
            date=datetime.date(year, 1, 15),
        )
    return passport


def validation_errors(record):
    """The messages of ``record``'s validation errors, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            record.full_clean()
        return {
            field: [str(message) for message in messages]
            for field, messages in raised.value.message_dict.items()
        }


def test_an_owner_or_passport_must_name_an_element_of_its_plan_at_its_level(plan, department):
    unknown = MeasureOwner(plan=plan, element_id=uuid.uuid4(), department=department)
    assert validation_errors(unknown) == {"element_id": ["This plan has no element with that id."]}
    on_indicator = MeasureOwner(plan=plan, element_id=plan.indicator_id, department=department)
    assert validation_errors(on_indicator) == {
        "element_id": ["Choose a measure; the element chosen is of another level (indicator)."]
    }
    on_measure = IndicatorPassport(
        plan=plan, element_id=plan.measure_id, department=department, source_name="OSP"
    )
    assert validation_errors(on_measure) == {
        "element_id": ["Choose an indicator; the element chosen is of another level (measure)."]
    }
    MeasureOwner(plan=plan, element_id=plan.measure_id, department=department).full_clean()


def test_an_owner_is_a_working_group_or_a_department(plan, department, site_tree):
    nobody = MeasureOwner(plan=plan, element_id=plan.measure_id)
    assert validation_errors(nobody) == {
        "working_group": ["Choose the working group or department responsible."]
    }
    both = MeasureOwner(
        plan=plan,
        element_id=plan.measure_id,
        department=department,
        working_group=site_tree.lt["group"],
    )
    assert validation_errors(both) == {
        "department": ["Choose a working group or a department, not both."]
    }


def test_the_admin_records_a_passport_with_its_method_log_once_per_indicator(
    admin_client, plan, department
):
    url = reverse("wagtailsnippets_plans_indicatorpassport:add")
    form = admin_client.get(url).content.decode()
    assert f'value="{plan.pk}:{plan.indicator_id}"' in form
    assert f'value="{plan.pk}:{plan.measure_id}"' not in form, "only indicators are offered"
    data = {
        "element": f"{plan.pk}:{plan.indicator_id}",
        "department": department.pk,
        "source_name": "Užimtumo tarnyba",
        "periodicity": "quarterly",
        "publication_lag_months": "2",
        "methodology-TOTAL_FORMS": "1",
        "methodology-INITIAL_FORMS": "0",
        "methodology-MIN_NUM_FORMS": "0",
        "methodology-MAX_NUM_FORMS": "1000",
        "methodology-0-version": "1",
        "methodology-0-valid_from_year": "2019",
        "methodology-0-change": "Pradinė metodika.",
        "methodology-0-date": "2019-01-15",
        "methodology-0-ORDER": "1",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    passport = IndicatorPassport.objects.get(element_id=plan.indicator_id)
    assert passport.plan == plan and passport.publication_lag_months == 2
    assert [entry.version for entry in passport.versions] == ["1"]

    listing = admin_client.get(reverse("wagtailsnippets_plans_indicatorpassport:list"))
    assert "1.1.1.1.1 Rodiklis 1.1.1.1.1" in listing.content.decode()
    for model in ("measureowner", "department", "indicatorvalue"):
        assert admin_client.get(reverse(f"wagtailsnippets_plans_{model}:list")).status_code == 200

    again = admin_client.post(url, data)  # the admin speaks Lithuanian
    assert again.status_code == 200
    assert "Šiam elementui įrašas jau yra: redaguokite jį." in again.content.decode()
    assert IndicatorPassport.objects.count() == 1


def priority_html(client, url):
    response = client.get(f"{url}priority/1/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_priority_view_shows_owners_and_sources_and_the_contact_only_when_public(
    client, plan, passport, department, site_tree
):
    MeasureOwner.objects.create(
        plan=plan, element_id=plan.measure_id, working_group=site_tree.lt["group"]
    )
    html = priority_html(client, plan.url)
    assert f'<a href="{site_tree.lt["group"].url}">{site_tree.lt["group"].title}</a>' in html
    assert "Strateginio planavimo skyrius" in html
    assert (
        '<a href="https://osp.stat.gov.lt/" rel="external">Oficialiosios statistikos portalas'
        in html
    )
    assert "lentelė M3010211" in html
    assert "kasmet, skelbiama maždaug po 4 mėnesių pasibaigus metams" in html
    assert "versija 2, nuo 2023 m." in html
    assert "planas@alytus.example" not in html and "Skyriaus vedėjas" not in html

    settings = SiteSettings.objects.get()
    settings.show_data_contacts = True
    settings.save()  # moves the chrome's generation: the priority's fragment is redrawn
    html = priority_html(client, plan.url)
    assert '<a href="mailto:planas@alytus.example">planas@alytus.example</a>' in html
    assert '<a href="tel:+37031500000">+370 315 00 000</a>' in html

    english = priority_html(client, plan.english_url)
    assert "Strategic Planning Department" in english
    assert "Official Statistics Portal</a>, table M3010211" in english
    assert "yearly, published about 4 months after the year ends" in english
    assert "The share of the registered unemployed." in english


def polyline_years(svg, dots):
    """The years each line of actual values passes through."""
    by_x = dict(dots)
    return [
        [by_x[point.split(",")[0]] for point in points.split()]
        for points in re.findall(r'<polyline class="chart-actual" points="([^"]+)"', svg)
    ]


def test_a_change_of_method_breaks_the_chart_table_and_open_data(client, plan, passport):
    html = priority_html(client, plan.url)
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    dots = re.findall(r'<circle class="chart-actual-dot" cx="([^"]+)"', svg)
    lines = polyline_years(svg, zip(dots, VALUES, strict=True))
    # No segment joins a value of the old method to one of the new.
    assert lines == [[2020, 2021, 2022], [2023, 2024]]
    mark = re.search(r'<line class="chart-break" x1="([^"]+)" x2="\1"', svg)
    assert float(dots[2]) < float(mark.group(1)) < float(dots[3])
    assert re.search(r'<text class="chart-break-label"[^>]*>metodika v2</text>', svg)
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "2023 m. pasikeitė metodika" in description
    assert 'aria-describedby="' in svg
    table = re.search(r"<table.*?</table>", html[html.index(svg) :], re.S).group(0)
    row = re.search(r'<tr class="series-break"><th scope="row">(\d+)</th>(.*?)</tr>', table)
    assert row.group(1) == "2023"
    assert "metodika v2" in row.group(2) and "nepalyginama su ankstesniais metais" in row.group(2)
    assert table.count('class="series-break"') == 1

    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text(client, plan)))}
    indicator = rows[plan.indicator_id]
    assert indicator["methodology_versions"] == "2020=1; 2021=1; 2022=1; 2023=2; 2024=2"
    assert indicator["series_breaks"] == "2023"
    assert indicator["methodology_version"] == "2"


def csv_text(client, plan):
    response = client.get(f"{plan.url}data/csv/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_open_data_carry_owner_source_and_method_and_the_contact_only_when_public(
    client, plan, passport
):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text(client, plan)))}
    indicator, measure = rows[plan.indicator_id], rows[plan.measure_id]
    assert indicator["responsible_unit"] == "Strateginio planavimo skyrius"
    assert indicator["responsible_unit_type"] == "department"
    assert indicator["data_source"] == "Oficialiosios statistikos portalas"
    assert indicator["data_source_table"] == "M3010211"
    assert indicator["data_source_url"] == "https://osp.stat.gov.lt/"
    assert indicator["periodicity"] == "yearly"
    assert indicator["publication_lag_months"] == "4"
    assert indicator["contact_email"] == indicator["contact_name"] == ""
    assert measure["responsible_unit"] == measure["data_source"] == ""

    SiteSettings.objects.update(show_data_contacts=True)
    document = json.loads(client.get(f"{plan.english_url}data/json/").content)
    node = document["priorities"][0]
    while node["kind"] != "indicator":
        node = node["children"][0]
    assert node["responsible_unit"] == "Strategic Planning Department"
    assert node["data_source"] == "Official Statistics Portal"
    assert node["contact_email"] == "planas@alytus.example"
    assert node["contact_phone"] == "+370 315 00 000"
    assert node["methodology_versions"] == {
        "2020": "1",
        "2021": "1",
        "2022": "1",
        "2023": "2",
        "2024": "2",
    }
    assert node["series_breaks"] == ["2023"]
    assert node["methodology_log"][1] == {
        "version": "2",
        "valid_from_year": "2023",
        "change": "Nauja bazė.",
        "date": "2023-01-15",
    }
    assert {"responsible_unit", "data_source", "methodology_versions", "series_breaks"} <= set(
        document["fields"]
    )


def test_a_priority_drawn_anew_costs_the_same_queries_with_ten_times_the_owners(
    client, site_tree, department
):
    """The fragment of a priority is redrawn after every change (the chrome's generation): its
    owners, passports and methods cost the same few queries for 1 or 10 measures."""
    counts = []
    for measures in (1, 10):
        page = site_tree.lt["draft"]
        page.plan_tree = plan_tree(measures=measures)
        page.save_revision().publish()
        page = PlanDraftPage.objects.get(pk=page.pk)
        for element in walk(page.outline()):
            if element.kind == "measure":
                MeasureOwner.objects.create(plan=page, element_id=element.id, department=department)
            elif element.kind == "indicator":
                IndicatorValue.objects.create(
                    plan=page, indicator_id=element.id, year=2022, value=1
                )
                passport = IndicatorPassport.objects.create(
                    plan=page, element_id=element.id, department=department, source_name="OSP"
                )
                MethodologyVersion.objects.create(
                    passport=passport, version="1", valid_from_year=2019, change="-", date=TODAY
                )
        priority_html(client, page.url)  # Wagtail's own caches
        chrome.bump()
        with CaptureQueriesContext(connection) as queries:
            html = priority_html(client, page.url)
        assert html.count("Strateginio planavimo skyrius") == 2 * measures
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_after_a_change_of_method_only_the_new_methods_values_make_the_trend(plan, passport):
    # Values 12.4 … 11.2 (method 1, 2020–2022), 9.8 and 9.1 (method 2, from 2023); baseline 10
    # (2019), target 20, higher is better. Only (2023, 9.8), (2024, 9.1) are comparable: slope
    # −0.7 a year, 2030: 9.8 − 7 × 0.7 = 4.9; share of the way from 9.8 to 20:
    # (4.9 − 9.8) / (20 − 9.8) = −0.48… < ½ → off track.
    page = PlanDraftPage.objects.get(pk=plan.pk)
    (indicator,) = [e for e in walk(page.outline()) if e.kind == "indicator"]
    assessment = indicator.assessment
    assert assessment.method_since == 2023
    assert [year for year, _value in assessment.series] == [2023, 2024]
    assert assessment.projected == Fraction(49, 10)
    assert assessment.status == "off_track"
    with translation.override("lt"):
        assert indicator.narrative.startswith(
            "Metodika pakeista 2023\u00a0m.: lyginamos tik reikšmės nuo tada. "
            "Sumažėjo nuo 9,8 (2023\u00a0m.) iki 9,1 (2024\u00a0m.)"
        )
    # Progress is measured from the new method's first value, not from the old baseline.
    assert indicator.progress == 0


def test_a_later_method_from_the_baseline_year_keeps_the_baseline_for_progress_too(
    plan, department
):
    """Values of a method that applies from before the baseline (2018; baseline 2019) compare
    with the baseline: the status keeps it, and the progress bar now does too (it measured
    from the first value, 12.4 in 2020, while the status measured from the baseline)."""
    passport = IndicatorPassport.objects.create(
        plan=plan, element_id=plan.indicator_id, department=department, source_name="OSP"
    )
    for version, year in (("1", 2015), ("2", 2018)):
        MethodologyVersion.objects.create(
            passport=passport,
            version=version,
            valid_from_year=year,
            change="-",
            date=datetime.date(year, 1, 15),
        )
    IndicatorValue.objects.filter(indicator_id=plan.indicator_id, year=2024).update(value=15)
    page = PlanDraftPage.objects.get(pk=plan.pk)
    (indicator,) = [e for e in walk(page.outline()) if e.kind == "indicator"]
    assert indicator.assessment.method_since is None
    assert indicator.assessment.first == (2019, 10)
    assert indicator.progress == Decimal("0.5")  # (15 − 10) / (20 − 10), from the baseline
