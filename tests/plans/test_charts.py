"""Indicator charts: round ticks, the unit on the axis, no tick that reads like a year, labels
readable on a phone, and the plan's figures written the Lithuanian way."""

import re
from decimal import Decimal

import pytest

from django.template.loader import render_to_string
from django.utils import translation

from plans.charts import indicator_chart, nice_ticks, year_ticks
from plans.models import IndicatorValue, PlanDraftPage
from plans.tree import PlanElement, walk
from tests.factories import PlanDraftPageFactory, build_site
from tests.plans.plan_data import measure

NBSP = "\u00a0"
YEAR_LIKE = re.compile(r"(19|20)\d\d")


def ticks(low, high, max_ticks=6, max_decimals=None):
    values, step = nice_ticks(Decimal(low), Decimal(high), max_ticks, max_decimals)
    return [float(value) for value in values], float(step)


@pytest.mark.parametrize(
    ("low", "high", "max_decimals", "expected", "step"),
    [
        # Hand-computed: the smallest step of 1, 2, 2.5, 5 × 10ⁿ giving at most six ticks
        # from the multiple of the step at or below the lowest value.
        ("10.9", "20", 1, [10, 12, 14, 16, 18, 20], 2),  # 1 would need 11 ticks
        ("7.5", "10.9", 1, [7, 8, 9, 10, 11], 1),  # 0.5 would need 8
        ("2045", "3000", 0, [2000, 2200, 2400, 2600, 2800, 3000], 200),
        ("2150", "3200", 0, [2000, 2250, 2500, 2750, 3000, 3250], 250),  # 200: 7 ticks
        ("62000", "85000", 0, [60000, 65000, 70000, 75000, 80000, 85000], 5000),
        ("-3.2", "4.1", 1, [-4, -2, 0, 2, 4, 6], 2),
        ("0.012", "0.018", 3, [0.012, 0.014, 0.016, 0.018], 0.002),
        # Whole numbers get no ticks finer than a whole number (57,5 · 60,0 · 62,5 …).
        ("58", "70", 0, [55, 60, 65, 70], 5),
        ("58", "70", 1, [57.5, 60, 62.5, 65, 67.5, 70], 2.5),
        # One value: widened around it.
        ("5", "5", 0, [4, 5, 6], 1),
        ("0", "0", 0, [-1, 0, 1], 1),
    ],
)
def test_nice_ticks(low, high, max_decimals, expected, step):
    assert ticks(low, high, max_decimals=max_decimals) == (expected, step)


def test_year_ticks_fall_on_round_years():
    assert year_ticks(2019, 2030) == [2020, 2025, 2030]
    assert year_ticks(2021, 2024) == [2021, 2022, 2023, 2024]
    assert year_ticks(2000, 2030) == [2000, 2010, 2020, 2030]
    assert year_ticks(2019, 2019) == [2019]


def investment_indicator(values=None):
    """The demo's "foreign direct investment per resident" (EUR), as the tree builds it."""
    return PlanElement(
        kind="indicator",
        id="5f0c7a52-5b1e-4c52-9a7e-4d5f6a1b2c3d",
        number="1.1.1.1.1",
        title="Tiesioginės užsienio investicijos vienam gyventojui",
        fields={
            "unit": "EUR",
            "direction": "up",
            "baseline_value": Decimal("2045"),
            "baseline_year": 2019,
            "target_2025": Decimal("2600"),
            "target_2030": Decimal("3000"),
        },
        values=values or {2023: Decimal("2480.000"), 2024: Decimal("2610.000")},
    )


def test_value_ticks_cannot_be_read_as_years_in_either_language():
    for language, separator in (("lt", NBSP), ("en", ",")):
        with translation.override(language):
            chart = indicator_chart(investment_indicator())
        labels = [tick["label"] for tick in chart.y_ticks]
        assert labels[0] == f"2{separator}000" and labels[-1] == f"3{separator}000", labels
        assert not [label for label in labels if YEAR_LIKE.fullmatch(label)], labels
        assert [tick["label"] for tick in chart.x_ticks] == [2020, 2025, 2030]
        assert chart.unit == "EUR"


def test_labels_are_readable_on_a_phone():
    """A chart squeezed to 256 px (a 390 px phone, inside the outline) keeps 12 px labels;
    no more than six value ticks and five years."""
    chart = indicator_chart(investment_indicator())
    assert chart.font_size * 256 / chart.width >= 12
    assert len(chart.y_ticks) <= 6 and len(chart.x_ticks) <= 5
    # Every value label fits left of the plot, and the last year inside the chart.
    widest = max(len(tick["label"]) for tick in chart.y_ticks)
    assert chart.y_label_x - widest * 0.64 * chart.font_size >= 0
    assert chart.x_ticks[-1]["x"] + 2 * 0.64 * chart.font_size <= chart.width
    # The ticks span the plot from its top to its bottom, highest first.
    assert chart.y_ticks[0]["y"] == chart.plot_bottom and chart.y_ticks[-1]["y"] == chart.plot_top


def unemployment_tree():
    """The demo's unemployment indicator and the industrial park's cost, as an editor enters
    them (the admin's decimal fields keep three decimals)."""
    unemployment = {
        "name": "Registruotas nedarbo lygis",
        "unit": "%",
        "direction": "down",
        "baseline_value": "10.900",
        "baseline_year": 2019,
        "target_2025": "9.000",
        "target_2030": "7.500",
    }
    park = measure("Pramonės parko plėtra", indicators=[unemployment])
    park["estimated_cost"] = "4500000.00"
    goal = {"title": "Darbo vietos", "description": "", "objectives": []}
    goal["objectives"].append({"title": "Investicijos", "measures": [park]})
    return [
        {"type": "priority", "value": {"title": "Ekonomika", "description": "", "goals": [goal]}}
    ]


@pytest.mark.django_db
def test_a_priority_view_prints_the_lithuanian_figures_and_a_readable_chart(client):
    site = build_site(translate_to_english=False)
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"],
        title="Planas 1.0",
        slug="planas-1-0",
        stage=PlanDraftPage.Stage.ADOPTED,
        plan_tree=unemployment_tree(),
    )
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    indicator = next(e for e in walk(page.outline()) if e.kind == "indicator")
    for year, value in ((2023, "9.800"), (2024, "9.100")):
        IndicatorValue.objects.create(plan=page, indicator_id=indicator.id, year=year, value=value)

    html = client.get(f"{page.url}priority/1/").content.decode()  # where the charts are

    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    assert facts["Bazinė reikšmė"] == "10,9 (2019)", "not 10,900"
    assert facts["Siektina reikšmė 2025 m."] == "9"
    assert facts["Siektina reikšmė 2030 m."] == "7,5"
    assert facts["Naujausia reikšmė"] == "9,1 (2024)"
    assert facts["Preliminarus lėšų poreikis"] == f"4{NBSP}500{NBSP}000{NBSP}EUR", "not 4.500.000"
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    title = re.search(r"<title[^>]*>(.*?)</title>", svg).group(1)
    assert "bazinė reikšmė 10,9 % (2019 m.)" in title and "7,5 %" in title
    unit = re.search(r'<text class="chart-unit"[^>]*>([^<]*)</text>', svg).group(1)
    assert unit == "%"
    labels = re.findall(r'<text class="chart-label"[^>]*font-size="(\d+)"[^>]*>([^<]*)</text>', svg)
    assert [text for _, text in labels] == ["7", "8", "9", "10", "11", "2020", "2025", "2030"]
    assert all(int(size) * 256 / 320 >= 12 for size, _ in labels)
    assert 'viewBox="0 0 320 200"' in svg
    table = re.search(r"<table.*?</table>", html[html.index(svg) :], re.S).group(0)
    assert re.findall(r"<td>([^<]+)</td><td>", table) == ["10,9", "9,8", "9,1", "9", "7,5"]


def test_the_chart_in_english():
    chart_element = investment_indicator()
    chart_element.latest = (2024, Decimal("2610.000"))
    with translation.override("en"):
        chart_element.chart = indicator_chart(chart_element)
        html = render_to_string(
            "plans/includes/indicator_chart.html",
            {"indicator": chart_element, "chart": chart_element.chart},
        )
    assert "baseline 2,045 EUR in 2019, target 3,000 EUR in 2030, latest value 2,610 EUR" in html
    assert ">2,000</text>" in html and ">2000</text>" not in html
    assert "<td>2,480</td>" in html
