"""The search page and suggestions on the real search server: languages, filters,
snippets, pagination, promoted results, documents, and the per-language index fields."""

import datetime
import re

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from search import site_search
from tests.factories import (
    CityDocumentFactory,
    NewsArticlePageFactory,
    build_site,
    root_collection,
)
from tests.search.corpus import docx_bytes
from tests.search.server import SearchServerTestCase


def result_links(html):
    results = re.search(r'<ol class="search-results"[^>]*>.*?</ol>', html, re.S)
    return re.findall(r'<h2><a href="([^"]+)">', results.group(0)) if results else []


def source(page_or_document):
    backend = get_search_backend()
    model = Page if isinstance(page_or_document, Page) else type(page_or_document)
    index = backend.get_index_for_model(model).name
    return backend.es.get(index=index, id=str(page_or_document.pk))["_source"]


class ServerSearchTests(SearchServerTestCase):
    @classmethod
    def build_content(cls):
        cls.site_data = build_site()
        cls.lt = cls.site_data.lt
        cls.en = cls.site_data.en
        news_index = cls.lt["news_index"]
        # Fifteen articles with the same word, for pagination.
        cls.many = [
            NewsArticlePageFactory(
                parent=news_index,
                title=f"Vandentiekio naujiena {number}",
                slug=f"vandentiekio-naujiena-{number}",
                intro="Vandentiekio tinklų darbai tęsiasi.",
                date=datetime.date(2021, 3, 1) + datetime.timedelta(days=number),
            )
            for number in range(15)
        ]
        cls.minutes_file = CityDocumentFactory(
            title="Posėdžio protokolas Nr. 7",
            marked_public=True,  # by an editor: no page uses it
            number="P-7",
            file=ContentFile(
                docx_bytes(["Nutarta pritarti Putinų vandenvietės rekonstrukcijai."]),
                name="protokolas.docx",
            ),
        )

    def test_documents_of_restricted_collections_are_not_found(self):
        private = root_collection().add_child(name="Vidaus dokumentai")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        hidden = CityDocumentFactory(
            title="Slaptas vandenvietės planas", collection=private, marked_public=True
        )
        self.assertEqual(source(hidden)["_kind"], "document")  # indexed, but not shown
        links = result_links(self.get("lt", q="vandenvietės", type="document").content.decode())
        self.assertIn(self.minutes_file.url, links)
        self.assertNotIn(hidden.url, links)

    def get(self, language, **params):
        return self.client.get(f"/{language}/search/", params)

    def test_the_class_searches_the_server(self):
        self.assertTrue(site_search.uses_search_server())

    def test_translated_pages_are_indexed_in_their_language_fields(self):
        lt_source = source(self.lt["group"])
        en_source = source(self.en["group"])
        self.assertEqual(lt_source["title_lt"], "Ekonomikos ir verslo aplinkos darbo grupė")
        self.assertNotIn("title_en", lt_source)
        self.assertNotIn("text_en", lt_source)
        self.assertEqual(en_source["title_en"], "Economy and business environment working group")
        self.assertNotIn("title_lt", en_source)
        # Documents belong to no language: both fields.
        order_source = source(self.site_data.order)
        self.assertIn("title_lt", order_source)
        self.assertIn("title_en", order_source)
        self.assertEqual(order_source["_kind"], "document")

    def test_translated_page_is_found_in_its_language_only(self):
        lt_links = result_links(self.get("lt", q="Economy").content.decode())
        en_links = result_links(self.get("en", q="Economy").content.decode())
        self.assertEqual(lt_links, [])
        self.assertIn(self.en["group"].url, en_links)
        for language in ("lt", "en"):
            links = result_links(self.get(language, q="strateginis").content.decode())
            pages = [link for link in links if not link.startswith("/documents/")]
            self.assertTrue(pages)
            self.assertTrue(all(link.startswith(f"/{language}/") for link in pages), links)

    def test_words_without_diacritics_and_other_endings_are_found_and_marked(self):
        response = self.get("lt", q="pletros plana")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(self.lt["home"].url, result_links(html))
        # The snippet marks the words as written on the page.
        self.assertRegex(html, r"<mark>plėtros</mark>")

    def test_filter_by_type_keeps_the_counts_of_every_type(self):
        response = self.get("lt", q="vandentiekio", type="news")
        html = response.content.decode()
        links = result_links(html)
        self.assertEqual(len(links), 10)
        self.assertTrue(all("/naujienos/" in link for link in links))
        self.assertIn("(15)", html)

    def test_filter_to_documents_shows_kind_date_size_and_links_to_the_file(self):
        response = self.get("lt", q="vandenvietės rekonstrukcija", type="document")
        html = response.content.decode()
        self.assertEqual(result_links(html), [self.minutes_file.url])
        self.assertIn("DOCX", html)
        self.assertIn("P-7", html)
        self.assertIn('<time datetime="2020-06-02">', html)
        self.assertRegex(html, r"\d+(,\d+)?\s(baitai|baitų|B|KB)")

    def test_filter_by_working_group(self):
        group = self.lt["group"]
        unfiltered = result_links(self.get("lt", q="darbo grupė", type="page").content.decode())
        self.assertIn(self.lt["standard"].url, unfiltered)
        links = result_links(self.get("lt", q="darbo grupė", group=group.pk).content.decode())
        self.assertIn(group.url, links)
        self.assertIn(self.lt["meeting"].url, links)
        self.assertNotIn(self.lt["standard"].url, links)
        # Its meeting, draft and article, and the documents they refer to (the order that
        # formed the group) are the group's; nothing else.
        belongs = {self.lt[key].url for key in ("group", "meeting", "draft", "article")}
        belongs |= {self.site_data.order.url, self.site_data.minutes.url}
        self.assertLessEqual(set(links), belongs)
        # Documents that the group's pages refer to (its meeting's minutes) come along.
        unfiltered = result_links(self.get("lt", q="protokolas").content.decode())
        self.assertIn(self.minutes_file.url, unfiltered)
        links = result_links(self.get("lt", q="protokolas", group=group.pk).content.decode())
        self.assertEqual(links, [self.site_data.minutes.url])

    def test_filter_by_date(self):
        response = self.get("lt", q="vandentiekio", **{"from": "2021-03-10", "to": "2021-03-12"})
        links = result_links(response.content.decode())
        self.assertEqual(sorted(links), sorted(article.url for article in self.many[9:12]), links)

    def test_pagination(self):
        first = result_links(self.get("lt", q="vandentiekio", type="news").content.decode())
        second_response = self.get("lt", q="vandentiekio", type="news", page=2)
        second = result_links(second_response.content.decode())
        self.assertEqual(len(first), 10)
        self.assertEqual(len(second), 5)
        self.assertFalse(set(first) & set(second))
        self.assertContains(second_response, 'rel="prev"')
        self.assertContains(second_response, 'start="11"')

    def test_promoted_results_in_the_visitors_language(self):
        query = Query.get("planas")
        SearchPromotion.objects.create(
            query=query, page=self.lt["standard"], sort_order=0, description="Apie planą"
        )
        SearchPromotion.objects.create(query=query, page=self.en["standard"], sort_order=1)
        html = self.get("lt", q="planas").content.decode()
        promoted = re.search(r'<section class="search-promotions".*?</section>', html, re.S)
        self.assertIsNotNone(promoted)
        self.assertIn(self.lt["standard"].url, promoted.group(0))
        self.assertNotIn(self.en["standard"].url, promoted.group(0))

    def test_queries_are_counted_for_the_report(self):
        self.get("lt", q="Vandentiekio")
        self.get("lt", q="vandentiekio")
        self.assertEqual(Query.get("vandentiekio").hits, 2)

    def test_suggestions_fold_diacritics_and_stay_in_the_language(self):
        for typed in ("pletr", "plėtr", "PLETROS"):
            with self.subTest(typed=typed):
                response = self.client.get("/lt/search/suggest/", {"q": typed})
                self.assertEqual(response.status_code, 200)
                titles = [s["title"] for s in response.json()["suggestions"]]
                self.assertIn(self.lt["home"].title, titles)
        english = self.client.get("/en/search/suggest/", {"q": "econ"}).json()["suggestions"]
        self.assertIn(self.en["group"].title, [s["title"] for s in english])
        self.assertNotIn(self.lt["group"].title, [s["title"] for s in english])
        too_short = self.client.get("/lt/search/suggest/", {"q": "p"})
        self.assertEqual(too_short.json(), {"suggestions": []})


class EditorsSeeSearchTermsTests(SearchServerTestCase):
    @classmethod
    def build_content(cls):
        build_site(translate_to_english=False)

    def test_editors_manage_promotions_and_see_frequent_searches(self):
        editors = Group.objects.get(name="Editors")
        self.assertTrue(
            editors.permissions.filter(codename="change_searchpromotion").exists(),
            list(editors.permissions.values_list("codename", flat=True)),
        )
        user = self.create_user("editor", password="password")  # noqa: S106
        user.groups.add(editors)
        self.client.login(username="editor", password="password")  # noqa: S106
        self.client.get("/lt/search/", {"q": "darbo grupės"})
        report = self.client.get("/admin/reports/frequent-searches/")
        self.assertEqual(report.status_code, 200)
        self.assertContains(report, "darbo grupės")
        self.assertEqual(self.client.get("/admin/searchpicks/").status_code, 200)

    def test_visitors_without_the_permission_get_no_report(self):
        user = self.create_user("reader", password="password")  # noqa: S106
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.login(username="reader", password="password")  # noqa: S106
        response = self.client.get("/admin/reports/frequent-searches/")
        self.assertNotEqual(response.status_code, 200)
