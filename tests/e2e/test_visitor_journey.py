"""A visitor's way through the demo site, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Locale

from news.models import NewsArticlePage
from workinggroups.models import WorkingGroupIndexPage, WorkingGroupPage

pytestmark = pytest.mark.slow

SOURCE_LINE = "AMS, Strateginio plano rengėjų informacija"


def test_visitor_reads_a_group_and_the_news_in_both_languages(demo_site, page):
    lt, en = Locale.objects.get(language_code="lt"), Locale.objects.get(language_code="en")
    group_index = WorkingGroupIndexPage.objects.get(locale=lt)
    group = WorkingGroupPage.objects.live().filter(locale=lt).order_by("number").first()
    article = NewsArticlePage.objects.live().get(locale=lt, source_line=SOURCE_LINE)
    english_article = article.get_translation(en)

    # The home page, in Lithuanian by default.
    page.goto(demo_site.url + "/")
    expect(page).to_have_url(re.compile(r"/lt/$"))
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    expect(page.locator("h1")).to_have_text(group_index.get_parent().title)

    # To a working group through the main menu and the list of groups.
    page.locator("nav.main-menu").get_by_role("link", name=group_index.title).click()
    expect(page.locator("h1")).to_have_text(group_index.title)
    page.locator("main").get_by_role("link", name=group.title, exact=True).click()
    expect(page.locator("h1")).to_have_text(group.title)
    expect(page.locator("#members-title")).to_be_visible()
    expect(page.locator("main table tbody tr").first).to_be_visible()

    # To the news article through the news section.
    news_index = article.get_parent()
    page.locator("nav.main-menu").get_by_role("link", name=news_index.title).click()
    expect(page.locator("h1")).to_have_text(news_index.title)
    page.locator("main").get_by_role("link", name=article.title, exact=True).click()
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator("p.source")).to_have_text(SOURCE_LINE)

    # Into English with the language switcher: the same article, in English.
    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(english_article.url) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(english_article.title)
    expect(page.locator("nav.language-switcher a[aria-current]")).to_have_text("English")

    # And back to Lithuanian.
    page.locator("nav.language-switcher").get_by_role("link", name="Lietuvių").click()
    expect(page).to_have_url(re.compile(re.escape(article.url) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    expect(page.locator("h1")).to_have_text(article.title)
