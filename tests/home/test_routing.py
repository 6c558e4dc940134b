"""A path a reader has opened before is routed from the shell cache (home/routing.py): one
query for the page itself, and still every change of the tree shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from home import routing, shell
from tests.base import BilingualSiteTestCase
from tests.factories import NewsArticlePageFactory, StandardPageFactory


class CachedRoutingTests(BilingualSiteTestCase):
    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return response

    def test_a_known_path_costs_no_query_for_the_site_the_locale_or_the_tree_walk(self):
        article = self.lt["article"]
        self.get(article.url)
        with CaptureQueriesContext(connection) as captured:
            self.assertContains(self.get(article.url), f"<h1>{article.title}</h1>", html=True)
        queries = [query["sql"] for query in captured.captured_queries]
        self.assertFalse([sql for sql in queries if '"wagtailcore_site"' in sql], queries)
        self.assertFalse([sql for sql in queries if 'FROM "wagtailcore_locale"' in sql], queries)
        self.assertFalse([sql for sql in queries if '"wagtailcore_page"."slug" =' in sql], queries)

    def test_each_language_keeps_its_own_home_page(self):
        lt_title, en_title = self.lt["home"].title, self.en["home"].title
        self.assertNotEqual(lt_title, en_title)
        for _ in range(2):
            self.assertContains(self.get("/lt/"), f"<title>{lt_title} |")
            self.assertContains(self.get("/en/"), f"<title>{en_title} |")

    def test_a_new_slug_moves_the_page_at_once(self):
        article = self.lt["article"]
        old_url = article.url
        self.get(old_url)
        self.get(old_url)
        article.slug = "naujas-adresas"
        article.save_revision().publish()
        self.get(old_url, status=404)
        new_url = Page.objects.get(pk=article.pk).url
        self.assertTrue(new_url.endswith("/naujas-adresas/"), new_url)
        self.assertContains(self.get(new_url), article.title)

    def test_a_moved_page_is_found_at_its_new_path(self):
        section = StandardPageFactory(parent=self.lt["home"], title="Skyrius", slug="skyrius")
        child = StandardPageFactory(parent=section, title="Poskyris", slug="poskyris")
        old_url = "/lt/skyrius/poskyris/"
        self.get(old_url)
        self.get(old_url)
        Page.objects.get(pk=child.pk).move(self.lt["home"], pos="last-child")
        # Not the page at its old address: Wagtail's automatic redirect to the new one.
        self.assertEqual(self.get(old_url, status=301)["Location"], "/lt/poskyris/")
        self.assertContains(self.get("/lt/poskyris/"), "Poskyris")

    def test_an_unpublished_page_is_gone_even_when_no_signal_told_this_process(self):
        article = self.lt["article"]
        self.get(article.url)
        # As if another process had changed it: no signal here, the route stays cached.
        Page.objects.filter(pk=article.pk).update(live=False)
        self.get(article.url, status=404)
        Page.objects.filter(pk=article.pk).update(live=True)
        self.get(article.url)

    def test_a_deleted_page_is_not_found(self):
        article = NewsArticlePageFactory(parent=self.lt["news_index"], title="Trumpam")
        url = article.url
        self.get(url)
        Page.objects.get(pk=article.pk).delete()
        self.get(url, status=404)

    def test_a_routable_page_keeps_its_own_routes(self):
        index = self.lt["news_index"]
        for _ in range(2):
            self.assertContains(self.get(index.url), f"<h1>{index.title}</h1>", html=True)
            self.assertIn("xml", self.get(f"{index.url}rss/")["Content-Type"])

    def test_addresses_that_lead_nowhere_are_not_kept(self):
        self.get(self.lt["article"].url)
        for number in range(5):
            self.get(f"/lt/nera-{number}/", status=404)
            self.get(f"{self.lt['article'].url}nera-{number}/", status=404)
        routes = [key for key in shell._process["entries"] if ":route:" in key]
        self.assertEqual(len(routes), 1, routes)


class CompiledPageReadTests(BilingualSiteTestCase):
    def test_the_page_is_read_as_the_orm_reads_it_in_one_query(self):
        for language in ("lt", "en"):
            for key, page in getattr(self, language).items():
                with self.subTest(language=language, page=key):
                    model = type(page)
                    expected = model.objects.get(pk=page.pk)
                    with CaptureQueriesContext(connection) as captured:
                        read = routing._page(page.pk, page.content_type_id)
                    self.assertEqual(len(captured), 1)
                    self.assertIs(type(read), model)
                    self.assertFalse(read._state.adding)
                    self.assertEqual(read._state.db, expected._state.db)
                    for field in model._meta.concrete_fields:
                        self.assertEqual(
                            field.value_to_string(read),
                            field.value_to_string(expected),
                            field.attname,
                        )

    def test_a_page_that_is_gone_reads_as_none(self):
        article = self.lt["article"]
        pk, content_type_id = article.pk, article.content_type_id
        routing._page(pk, content_type_id)
        article.delete()
        self.assertIsNone(routing._page(pk, content_type_id))
