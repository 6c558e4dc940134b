"""Issue 6 ("two languages") in a real browser: a new Lithuanian news item reaches English.

An editor has just published a Lithuanian news article; the English tree follows the
Lithuanian one, so English readers see the Lithuanian original with a notice. A translator
(the Translators role, not a superuser) finds the article in the admin's "Translations to do"
report, opens its English page (an alias of the Lithuanian one), chooses "Translate this
page", translates every text in wagtail-localize's editor and publishes. An anonymous visitor
then reads the article in Lithuanian and reaches the English translation through the
language switcher.
"""

import gettext
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.utils import translation

import wagtail_localize
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization

from home.demo.accounts import DEMO_PASSWORD
from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.slow

NOTICE = "This page is not yet available in English. You are reading the Lithuanian original."

# The Lithuanian article and what the translator writes for each of its texts.
SOURCE = {
    "title": "Darbo grupės posėdžiaus kas dvi savaites",
    "slug": "posedziai-kas-dvi-savaites",
    "intro": "Nuo rugsėjo darbo grupės susitiks dažniau.",
    "body": "Posėdžių grafikas skelbiamas kiekvienos grupės puslapyje.",
    "source_line": "AMS, Strateginio plano rengėjų informacija",
}
ENGLISH = {
    "title": "Working groups will meet every two weeks",
    "slug": "meetings-every-two-weeks",
    "intro": "From September the working groups will meet more often.",
    "body": "The meeting schedule is published on each group's page.",
    "source_line": "Strategic plan team",
}

LOCALIZE_JS = gettext.translation(
    "djangojs",
    localedir=Path(wagtail_localize.__file__).parent / "locale",
    languages=["lt"],
)


def lt(message):
    """A message as the Lithuanian admin and site show it (the test reads the same catalogs)."""
    with translation.override("lt"):
        return str(translation.gettext(message))


def lt_js(message):
    """A message of wagtail-localize's translation editor (a React app: its JS catalog)."""
    return LOCALIZE_JS.gettext(message)


def log_in(browser, live_server, username):
    """A new browser (its own cookies) where ``username`` logs in on the admin's login page."""
    page = browser.new_context(locale="lt-LT").new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def translate_segment(editor, source, text):
    """In the translation editor: "Translate" beside the source text, type, "Save"."""
    segment = editor.locator(".js-translation-editor li.incomplete").filter(has_text=source)
    expect(segment).to_have_count(1)
    segment.get_by_role("button", name=lt_js("Translate"), exact=True).click()
    segment.get_by_role("textbox").fill(text)
    segment.get_by_role("button", name=lt_js("Save"), exact=True).click()
    done = editor.locator(".js-translation-editor li.complete").filter(has_text=source)
    expect(done).to_contain_text(text)
    expect(done.get_by_role("button", name=lt_js("Edit"), exact=True)).to_be_visible()


def test_a_translator_publishes_a_new_article_in_english_and_a_visitor_switches_to_it(
    demo_site, browser, delete_after
):
    delete_after(NewsArticlePage.objects.filter(slug=SOURCE["slug"]))
    lithuanian = Locale.objects.get(language_code="lt")
    english = Locale.objects.get(language_code="en")

    # An editor's new article, published; the English tree follows with an alias of it, as
    # wagtail-localize does after a page is created in the admin.
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.get(locale=lithuanian),
        **{key: SOURCE[key] for key in ("title", "slug", "intro", "source_line")},
        body=f"<p>{SOURCE['body']}</p>",
    )
    article.save_revision().publish()
    LocaleSynchronization.objects.get(locale=english).sync_trees()
    alias = article.get_translation(english)
    assert alias.alias_of_id == article.pk

    # Before the translation an English reader gets the Lithuanian original with a notice.
    reader = browser.new_context(locale="lt-LT").new_page()
    reader.goto(demo_site.url + alias.url)
    expect(reader.locator("p.notice--language")).to_have_text(NOTICE)

    # --- The translator finds the article among the translations to do. ------------------
    translator = log_in(browser, demo_site, "translator")
    expect(translator.locator("html")).to_have_attribute("lang", "lt")
    translator.get_by_role("button", name=lt("Reports")).click()
    translator.get_by_role("link", name=lt("Translations to do")).click()
    expect(translator.locator("h1")).to_have_text(lt("Translations to do"))
    row = translator.locator("table.translation-report tbody tr").filter(has_text=SOURCE["title"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text("anglų kalba")  # languages named in the admin's language
    expect(row).to_contain_text(lt("Not translated"))

    # The article's title opens its English page in the admin (the translator may edit only
    # the English tree): an alias of the Lithuanian page, with "Translate this page".
    row.get_by_role("link", name=SOURCE["title"]).click()
    expect(translator).to_have_url(re.compile(rf"/admin/pages/{alias.pk}/edit/$"))
    translator.get_by_role("link", name=lt("Translate this page")).click()

    # wagtail-localize's "Translate page" form, English already chosen: submit.
    expect(translator.locator("h1")).to_contain_text(SOURCE["title"])
    expect(translator.get_by_label("anglų kalba")).to_be_checked()
    translator.get_by_role("button", name=lt("Submit")).click()

    # --- The translation editor: every text of the article, then "Publish in English". ---
    expect(translator).to_have_url(re.compile(rf"/admin/pages/{alias.pk}/edit/$"))
    expect(translator.locator(".messages")).to_contain_text(SOURCE["title"])
    for tab, keys in (
        (lt("Content"), ("title", "intro", "body", "source_line")),
        (lt("Promote"), ("slug",)),
    ):
        translator.get_by_role("tab", name=tab).click()
        for key in keys:
            translate_segment(translator, SOURCE[key], ENGLISH[key])
    expect(translator.locator(".js-translation-editor li.incomplete")).to_have_count(0)
    publish = translator.locator("footer button[name=action][value=publish]")
    expect(publish).to_have_text("Publikuoti anglų kalba")
    publish.click()
    expect(translator.locator(".messages")).to_contain_text(ENGLISH["title"])

    translated = NewsArticlePage.objects.get(pk=alias.pk)
    assert translated.alias_of_id is None
    assert translated.live
    assert translated.title == ENGLISH["title"]

    # --- A visitor reads the Lithuanian article and switches to English. -----------------
    visitor = browser.new_context(locale="lt-LT").new_page()
    visitor.goto(demo_site.url + article.url)
    expect(visitor.locator("html")).to_have_attribute("lang", "lt")
    expect(visitor.locator("h1")).to_have_text(SOURCE["title"])
    visitor.locator("nav.language-switcher").get_by_role("link", name="English").click()

    expect(visitor).to_have_url(re.compile(rf"/en/.*/{ENGLISH['slug']}/$"))
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("h1")).to_have_text(ENGLISH["title"])
    expect(visitor.locator("main")).to_contain_text(ENGLISH["intro"])
    expect(visitor.locator("main")).to_contain_text(ENGLISH["body"])
    expect(visitor.locator("main")).not_to_contain_text(SOURCE["intro"])
    expect(visitor.get_by_text(NOTICE)).to_have_count(0)
    expect(visitor.locator("nav.language-switcher a[aria-current]")).to_have_text("English")
