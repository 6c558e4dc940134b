"""The demo draft's two versions compared in a browser, from the versions list, in both
languages and on a phone's width."""

import re

from playwright.sync_api import expect

from wagtail.models import Locale

from plans.models import PlanDraftPage


def demo_draft(language):
    return PlanDraftPage.objects.live().get(
        locale=Locale.objects.get(language_code=language), stage=PlanDraftPage.Stage.DRAFTING
    )


def test_visitor_compares_a_version_with_the_previous_one_in_both_languages(demo_site, page):
    for language, link, summary, moved in (
        ("lt", "Palyginti su ankstesne versija", "1 perkelta priemonė", "perkelta iš 2.2.1.1 į"),
        ("en", "Compare with the previous version", "1 measure moved", "moved from 2.2.1.1 to"),
    ):
        page.set_viewport_size({"width": 1280, "height": 900})
        draft = demo_draft(language)
        page.goto(demo_site.url + draft.url)
        versions = page.locator("ol.versions")
        expect(versions.locator("li")).to_have_count(2)
        versions.get_by_role("link", name=link).click()
        expect(page).to_have_url(re.compile(r"/versions/compare/\?from=\d+&to=\d+$"))

        # The summary links to the moved measure, which says where it went.
        page.locator(".compare-summary").get_by_text(summary).locator("a").first.click()
        moved_measure = page.locator(".element-change--moved")
        expect(moved_measure).to_contain_text(moved)

        # The vision's edited words are marked, with their context; the whole section opens.
        changed = page.locator("section.diff--changed").first
        expect(changed.locator(".diff-context ins").first).to_be_visible()
        whole = changed.locator("details.diff-whole")
        expect(whole.locator("ol li").first).to_be_hidden()
        whole.locator("summary").click()
        expect(whole.locator("ol li")).to_have_count(5)  # the priorities list kept as a list

        # A phone's width: nothing runs off the screen.
        page.set_viewport_size({"width": 390, "height": 844})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{language}: the page is {overflow} px wider than the screen"
