"""A visitor searches in a real browser against the real search server: types "pletros"
(no diacritics) in the header's search box, picks a suggestion, filters the results to
documents and opens the mayor's order."""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Locale

from documents.models import CityDocument
from home.models import HomePage
from tests.search.server import delete_test_indices, rebuild_index, server_backend_settings

pytestmark = pytest.mark.slow


@pytest.fixture
def search_server(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": server_backend_settings()}
    from wagtail.search.backends import get_search_backend

    delete_test_indices(get_search_backend())
    return settings.WAGTAILSEARCH_BACKENDS["default"]


def test_visitor_finds_the_mayors_order_through_suggestions(demo_site, search_server, page):
    rebuild_index()  # the demo site, committed for the live server, into the test indices
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="lt"))
    order = CityDocument.objects.get(number="M-18")

    page.goto(demo_site.url + "/lt/")
    box = page.locator("header #site-search-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("pletros", delay=40)

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    suggestion = listbox.get_by_role("option", name=re.compile(re.escape(home.title)))
    expect(suggestion).to_be_visible()
    # The keyboard reaches the suggestions too.
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-option-0$"))
    suggestion.click()

    expect(page).to_have_url(re.compile(r"/lt/search/\?q="))
    expect(page.locator("#search-page-q")).to_have_value(home.title)
    page.locator("nav.search-types").get_by_role("link", name=re.compile(r"^Dokument")).click()
    expect(page).to_have_url(re.compile(r"type=document"))

    link = page.locator("ol.search-results").get_by_role("link", name=order.title)
    expect(link).to_be_visible()
    result = page.locator("ol.search-results li").filter(
        has=page.get_by_role("link", name=order.title)
    )
    expect(result).to_contain_text("M-18")
    expect(result).to_contain_text("PDF")
    with page.expect_response(lambda response: order.url in response.url) as opened:
        link.click()
    response = opened.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
