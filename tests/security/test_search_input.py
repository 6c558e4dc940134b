"""Bad search input gets an answer, never a 500 nor the "temporarily unavailable" 503 that
only a real outage may give, and logs no error: quotes and other query syntax, NUL in any
parameter, a 10 kB query, a working group, page or date that is not one. A query the
backend cannot parse is searched as plain words. On the database backend and on the
search server (whose outage still answers 503: tests/reliability/test_search_outage.py,
tests/search/test_views.py).
"""

import re

from django.test import TestCase

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import site_search
from tests.factories import build_site
from tests.search.server import SearchServerTestCase

QUERIES = [
    '"',
    '"Sudarytos darbo',
    'grupės"',
    "darbo\x00grupės",
    "\x00",
    "Sudarytos " + "a" * 10_240,
    "x:y",
    "(darbo",
    "darbo)",
    "[darbo",
    "{darbo}",
    "darbo~",
    "darbo^2",
    "/darbo/",
    "darbo\\",
    "AND",
    "darbo OR NOT",
    "darbo & !",
    "<->",
    "*",
    "-darbo",
    "darbo:*",
    "'",
    "\u200bdarbo\u0007",
]
PARAMETERS = [
    {"q": "darbo", "group": "abc"},
    {"q": "darbo", "group": "9" * 30},
    {"q": "darbo", "group": "-1"},
    {"q": "darbo", "group": "²"},
    {"q": "darbo", "group": "\x00"},
    {"q": "darbo", "page": "9" * 30},
    {"q": "darbo", "page": "99999"},
    {"q": "darbo", "page": "-5"},
    {"q": "darbo", "page": "abc"},
    {"q": "darbo", "page": "\x00"},
    {"q": "darbo", "from": "2026-99-99"},
    {"q": "darbo", "to": "99999-01-01"},
    {"q": "darbo", "from": "\x00"},
    {"q": "darbo", "to": "2020-01-01\x00"},
    {"q": "darbo", "type": "\x00"},
    {"q": "darbo", "type": "news\x00"},
    {"q": "darbo", "x\x00": "\x00"},
]


def result_links(html):
    results = re.search(r'<ol class="search-results"[^>]*>.*?</ol>', html, re.S)
    return re.findall(r'<h2><a href="([^"]+)">', results.group(0)) if results else []


class BadInputReplay:
    def get(self, path, params):
        with self.assertNoLogs(level="ERROR"):
            return self.client.get(path, params)

    def test_queries(self):
        for query in QUERIES:
            for path in ("/lt/search/", "/lt/search/suggest/"):
                with self.subTest(query=query[:40], path=path):
                    response = self.get(path, {"q": query})
                    self.assertEqual(response.status_code, 200)

    def test_parameters(self):
        for params in PARAMETERS:
            for path in ("/lt/search/", "/lt/search/suggest/"):
                with self.subTest(params=params, path=path):
                    response = self.get(path, params)
                    self.assertEqual(response.status_code, 200)

    def test_query_syntax_is_searched_as_plain_words(self):
        article = self.site.lt["article"]
        for query in ('"Sudarytos darbo', "Sudarytos darbo\x00grupės", "(Sudarytos) darbo"):
            with self.subTest(query=query):
                response = self.get("/lt/search/", {"q": query})
                self.assertIn(article.url, result_links(response.content.decode()))

    def test_a_page_beyond_the_last_shows_the_last(self):
        response = self.get("/lt/search/", {"q": "darbo", "page": "9" * 30})
        self.assertTrue(result_links(response.content.decode()))


class BadInputTests(BadInputReplay, TestCase):
    """On the database backend."""

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(translate_to_english=False)


class BadInputOnTheSearchServerTests(BadInputReplay, SearchServerTestCase):
    """On the search server."""

    @classmethod
    def build_content(cls):
        cls.site = build_site(translate_to_english=False)

    def test_a_refused_query_is_no_outage_and_an_unreachable_server_is(self):
        backend = get_search_backend()
        with self.assertRaises(Exception) as refused:  # beyond the result window: 400
            backend.raw_search([backend.index_name(Page)], {"from": 20_000, "size": 10})
        self.assertTrue(site_search.is_refused_query(refused.exception))
        unreachable = type(backend)(
            {
                "URLS": ["http://127.0.0.1:9"],  # nothing listens on the discard port
                "INDEX_PREFIX": "test_unreachable_",
                "TIMEOUT": 1,
                "OPTIONS": {"max_retries": 0},
            }
        )
        with self.assertRaises(Exception) as down:
            unreachable.raw_search([unreachable.index_name(Page)], {"size": 1})
        self.assertFalse(site_search.is_refused_query(down.exception))
