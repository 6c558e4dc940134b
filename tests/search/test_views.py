"""Site search: results in the visitor's language only, and a clear message when the
search server is down."""

import io
import re
from unittest import mock

from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend

from tests.base import BilingualSiteTestCase

UNAVAILABLE = "Search is temporarily unavailable. Please try again in a few minutes."


def result_links(html):
    results = re.search(r'<ol class="search-results"[^>]*>.*?</ol>', html, re.S)
    return re.findall(r'<h2><a href="([^"]+)">', results.group(0)) if results else []


# A search server that does not answer: nothing listens on port 9 (discard) here.
DEAD_SEARCH_SERVER = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": ["http://127.0.0.1:9"],
        "INDEX_PREFIX": "cityplan_test_",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    }
}


class SearchViewTests(BilingualSiteTestCase):
    def test_finds_pages_in_the_visitors_language_only(self):
        # The English translation keeps the Lithuanian introduction, so the same word is
        # in both trees; each language's search must list its own page only.
        for language in ("lt", "en"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/search/", {"q": "strateginis"})
                self.assertEqual(response.status_code, 200)
                links = result_links(response.content.decode())
                pages = getattr(self, language)
                other = "en" if language == "lt" else "lt"
                self.assertIn(pages["standard"].url, links)
                self.assertNotIn(getattr(self, other)["standard"].url, links)
                self.assertFalse([link for link in links if link.startswith(f"/{other}/")])

    def test_title_of_the_english_page_is_found_in_english_only(self):
        lt_links = result_links(self.client.get("/lt/search/", {"q": "Economy"}).content.decode())
        en_links = result_links(self.client.get("/en/search/", {"q": "Economy"}).content.decode())
        self.assertEqual(lt_links, [])
        self.assertIn(self.en["group"].url, en_links)

    def test_empty_query_shows_the_form_only(self):
        response = self.client.get("/lt/search/", {"q": "  "})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<form class="search-form" role="search" action="/lt/search/"', html)
        self.assertIn('id="search-page-q" type="search" name="q" value=""', html)
        self.assertNotIn('role="status"', html)
        self.assertEqual(result_links(html), [])

    def test_query_without_results_says_so(self):
        response = self.client.get("/en/search/", {"q": "zzzyyyxxx"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="status"')
        self.assertContains(response, "zzzyyyxxx")
        self.assertEqual(result_links(response.content.decode()), [])

    def assert_unavailable(self, response, language):
        self.assertEqual(response.status_code, 503)
        with translation.override(language):
            message = translation.gettext(UNAVAILABLE)
        html = response.content.decode()
        self.assertIn(f'<div class="notice notice--error" role="alert"><p>{message}</p>', html)
        # The visitor keeps the query in the form to try again.
        self.assertIn('value="darbo grupės"', html)

    def test_backend_that_raises_gives_503_with_a_message(self):
        backend_class = type(get_search_backend())
        error = ConnectionError("the search server refused the connection")
        with (
            mock.patch.object(backend_class, "search", side_effect=error),
            self.assertLogs("search", "ERROR"),
        ):
            response = self.client.get("/lt/search/", {"q": "darbo grupės"})
        self.assert_unavailable(response, "lt")

    def test_search_server_that_is_down_gives_503_with_a_message(self):
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=DEAD_SEARCH_SERVER),
            self.assertLogs("search", "ERROR"),
        ):
            response = self.client.get("/en/search/", {"q": "darbo grupės"})
        self.assert_unavailable(response, "en")


class DatabaseSearchTests(BilingualSiteTestCase):
    """The test run's default: Wagtail's database backend on PostgreSQL, with unaccent."""

    def test_words_typed_without_diacritics_are_found(self):
        links = result_links(self.client.get("/lt/search/", {"q": "pletros"}).content.decode())
        self.assertIn(self.lt["home"].url, links)
        html = self.client.get("/lt/search/", {"q": "pletros"}).content.decode()
        self.assertIn("<mark>plėtros</mark>", html)

    def test_documents_are_found_by_title(self):
        response = self.client.get("/lt/search/", {"q": "mero potvarkis", "type": "document"})
        self.assertEqual(result_links(response.content.decode()), [self.site_data.order.url])

    def test_suggestions_without_diacritics(self):
        response = self.client.get("/lt/search/suggest/", {"q": "pletr"})
        self.assertEqual(response.status_code, 200)
        titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
        self.assertIn(self.lt["home"].title, titles)

    def test_health_of_the_database_index(self):
        out = io.StringIO()
        call_command("update_index", stdout=io.StringIO())
        call_command("search_health", stdout=out)
        self.assertIn("OK", out.getvalue())

    def test_suggestions_answer_503_when_the_backend_fails(self):
        error = ConnectionError("down")
        with (
            mock.patch.object(PageQuerySet, "autocomplete", side_effect=error),
            self.assertLogs("search.views", "ERROR"),
        ):
            response = self.client.get("/lt/search/suggest/", {"q": "plan"})
        self.assertEqual(response.status_code, 503)
