"""The plan's outline in a browser: priorities opened in place, links to groups and back to a
measure in its priority's view, charts' tables."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from wagtail.models import Locale

from plans.models import PlanDraftPage
from tests.e2e.test_accessibility import format_violations

pytestmark = pytest.mark.slow


def adopted_plan(language="lt"):
    return PlanDraftPage.objects.live().get(
        locale=Locale.objects.get(language_code=language), stage=PlanDraftPage.Stage.ADOPTED
    )


def test_visitor_explores_the_plan_and_reads_an_indicator(demo_site, page):
    plan = adopted_plan()
    page.goto(demo_site.url + plan.url)
    expect(page.locator("h1")).to_have_text(plan.title)

    # The outline shows priorities and goals; the visitor opens the first priority in place.
    first = page.locator("[data-priority]").first
    expect(first.locator(".plan-goal").first).to_be_visible()
    expect(page.locator(".plan-node--measure")).to_have_count(0)
    show = first.locator("[data-priority-detail-link]")
    expect(show).to_have_attribute("href", f"{plan.url}priority/1/")  # without JavaScript
    show.click()
    measure = first.locator(".plan-node--measure").first
    expect(measure).to_be_visible()
    expect(page).to_have_url(demo_site.url + plan.url)  # in place, no new page
    expect(show).to_have_attribute("aria-expanded", "true")
    expect(measure.locator("h6")).to_contain_text("1.1.1.1.")

    # From the measure to its responsible working group, and back to the same measure, in its
    # priority's own view.
    measure_id = measure.get_attribute("id")
    group_link = measure.locator("dd a").first
    group_name = group_link.inner_text()
    group_link.click()
    expect(page.locator("h1")).to_have_text(group_name)
    page.locator(f'a[href$="#{measure_id}"]').first.click()
    expect(page).to_have_url(re.compile(f"priority/1/#{measure_id}$"))
    expect(page.locator(f"#{measure_id}")).to_be_in_viewport()

    # The indicator's chart and the table that carries the same figures as text.
    chart = page.locator(f"#{measure_id} figure.indicator-chart").first
    expect(chart.locator("svg[role=img] title")).to_contain_text("2030")
    table = chart.locator("table")
    expect(table.locator("caption")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(5)  # baseline, 2023, 2024, 2025, 2030
    expect(table.locator("tbody tr").nth(1)).to_contain_text("2023")


def test_outline_and_charts_have_no_serious_accessibility_problems(demo_site, page):
    axe = Axe()
    for language in ("lt", "en"):
        plan = adopted_plan(language)
        # The plan page with a priority opened in place, and a priority's own view.
        page.goto(demo_site.url + plan.url)
        page.locator("[data-priority-detail-link]").first.click()
        expect(page.locator("[data-priority-detail] figure.indicator-chart").first).to_be_visible()
        violations = axe.run(page).response["violations"]
        page.goto(f"{demo_site.url}{plan.url}priority/1/")
        assert page.locator("figure.indicator-chart svg").count() >= 2
        violations += axe.run(page).response["violations"]
        violations = [
            violation for violation in violations if violation["impact"] in ("serious", "critical")
        ]
        assert not violations, format_violations(violations)
