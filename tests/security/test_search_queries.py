"""Anonymous searches do not fill the editors' "Frequent searches" report (and its table):
a search that finds nothing stores no `Query` row and adds no hit; the queries that are
counted are normalised (case, Unicode, whitespace, control characters) and length-capped.
"""

from django.test import TestCase

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.views import MAX_QUERY_LENGTH
from tests.factories import build_site


class SearchQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(translate_to_english=False)

    def search(self, query, **params):
        response = self.client.get("/lt/search/", {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def test_searches_without_results_store_nothing(self):
        for number in range(20):
            self.search(f"zqxj{number} nerandamas")
        self.search("=1+1 nerandamas")  # a formula, and a word no page has
        self.search("a" * 10_000)
        self.assertEqual(Query.objects.count(), 0)
        self.assertEqual(QueryDailyHits.objects.count(), 0)

    def test_a_search_with_results_is_counted(self):
        self.search("darbo grupės")
        self.assertEqual(
            list(Query.objects.values_list("query_string", flat=True)), ["darbo grupės"]
        )
        self.assertEqual(Query.objects.get().hits, 1)

    def test_queries_are_normalised(self):
        for typed in (
            "Darbo grupės",
            "  DARBO \t\n grupės ",
            "darbo\x00grupės",
            "darbo\u200b grupės",
        ):
            self.search(typed)
        self.assertEqual(
            list(Query.objects.values_list("query_string", flat=True)), ["darbo grupės"]
        )
        self.assertEqual(Query.objects.get().hits, 4)

    def test_long_queries_are_capped(self):
        self.search("darbo " + "grupės " * 2000)
        stored = Query.objects.get().query_string
        self.assertLessEqual(len(stored), MAX_QUERY_LENGTH)
        self.assertTrue(stored.startswith("darbo grupės grupės"))
