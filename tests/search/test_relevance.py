"""Relevance on the real search server: the demo site, generated news and documents, and
queries in Lithuanian (inflected forms, no diacritics, several words, documents' text)
and English, each with the result expected among the first three.

Precision@3 per language is printed (run pytest with -s to see the table) and must be 1.0.
"""

import io
import sys

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Locale

from search import site_search
from tests.search.corpus import (
    ENGLISH_QUERIES,
    LITHUANIAN_QUERIES,
    add_documents,
    add_generated_news,
)
from tests.search.server import SearchServerTestCase

TOP = 3


def labels(search_page):
    return [
        f"doc:{result.title}" if result.is_document else result.title
        for result in search_page.results
    ]


class RelevanceTests(SearchServerTestCase):
    @classmethod
    def build_content(cls):
        call_command("load_demo", stdout=io.StringIO())
        cls.lt_locale = Locale.objects.get(language_code="lt")
        cls.en_locale = Locale.objects.get(language_code="en")
        add_generated_news(cls.lt_locale, cls.en_locale)
        add_documents()

    def run_queries(self, language, queries):
        locale = self.lt_locale if language == "lt" else self.en_locale
        misses = []
        with translation.override(language):
            for query, expected in queries:
                found = labels(site_search.search(query, language, locale, per_page=TOP))
                if expected not in found:
                    misses.append((query, expected, found))
        precision = (len(queries) - len(misses)) / len(queries)
        report = [f"precision@{TOP} ({language}, {len(queries)} queries): {precision:.3f}"]
        report += [
            f"  MISS {query!r}: expected {expected!r}, got {found}"
            for query, expected, found in misses
        ]
        print("\n".join(report), file=sys.stderr)
        return precision, misses

    def test_the_set_is_large_enough(self):
        self.assertGreaterEqual(len(LITHUANIAN_QUERIES), 40)
        self.assertGreaterEqual(len(ENGLISH_QUERIES), 10)

    def test_lithuanian_precision_at_3(self):
        precision, misses = self.run_queries("lt", LITHUANIAN_QUERIES)
        self.assertEqual(misses, [], f"precision@3 = {precision:.3f}")

    def test_english_precision_at_3(self):
        precision, misses = self.run_queries("en", ENGLISH_QUERIES)
        self.assertEqual(misses, [], f"precision@3 = {precision:.3f}")

    def test_exact_form_ranks_before_the_form_without_diacritics(self):
        # "pletros" and "plėtros" find the same page, and the page whose words carry the
        # diacritics as typed ranks first for the query with diacritics.
        with translation.override("lt"):
            plain = labels(site_search.search("dviraciu taku pletros", "lt", self.lt_locale))
            exact = labels(site_search.search("dviračių takų plėtros", "lt", self.lt_locale))
        self.assertEqual(plain[0], "Dviračių takų plėtra Vidzgirio mikrorajone")
        self.assertEqual(exact[0], "Dviračių takų plėtra Vidzgirio mikrorajone")

    def test_results_stay_in_the_visitors_language(self):
        with translation.override("en"):
            found = site_search.search("working groups", "en", self.en_locale, per_page=50)
        pages = [result.object for result in found.results if not result.is_document]
        self.assertTrue(pages)
        self.assertTrue(all(page.locale_id == self.en_locale.pk for page in pages))
