"""From the public plan to one indicator in its editor: a signed-in editor's "edit" link (added
by the page's script from an uncached admin address) opens the objective's editor scrolled to
the indicator; a visitor's page has no such link."""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Locale

from home.demo.accounts import DEMO_PASSWORD
from plans.models import PlanDraftPage

pytestmark = pytest.mark.slow


def test_an_editor_follows_an_elements_edit_link_to_its_editor(demo_site, browser):
    plan = PlanDraftPage.objects.live().get(
        locale=Locale.objects.get(language_code="lt"), stage=PlanDraftPage.Stage.ADOPTED
    )
    indicator = next(e for e in plan.elements() if e.kind == "indicator")
    priority_view = f"{demo_site.url}{plan.url}priority/{indicator.number.split('.')[0]}/"

    visitor = browser.new_context(locale="lt-LT").new_page()
    visitor.goto(priority_view)
    expect(visitor.locator(f"#{indicator.anchor}")).to_be_visible()
    expect(visitor.locator(".plan-node__edit")).to_have_count(0)

    context = browser.new_context(locale="lt-LT")
    editor = context.new_page()
    editor.goto(demo_site.url + "/admin/login/")
    editor.locator("input[name=username]").fill("editor")
    editor.locator("input[name=password]").fill(DEMO_PASSWORD)
    editor.locator("form button[type=submit]").click()
    expect(editor).to_have_url(re.compile(r"/admin/$"))

    editor.goto(priority_view)
    editor.locator(f"#{indicator.anchor} .plan-node__edit").click()  # one click
    expect(editor).to_have_url(
        re.compile(rf"/admin/plans/{plan.pk}/part/[0-9a-f-]+/#{indicator.anchor}$")
    )
    block = editor.locator(f'[data-contentpath="{indicator.id}"]')
    expect(block).to_be_in_viewport()
    expect(block.locator("input:not([type=hidden])").first).to_be_focused()
    expect(block.locator("input[name$='-target_2030']")).to_have_value(
        re.compile(r"^\d+([.,]\d+)?$")
    )
