"""A document attached only to an unpublished draft is not public: an anonymous visitor can
neither download it nor find it (by its title or by the words of its text, in the results
or the suggestions), until a live public page uses it or an editor marks it public; and
it is private again once that page is unpublished. On the database backend and on the
search server.

The editor uploads the file through the admin; the attacker is an anonymous visitor who
guesses the document's address or searches for it.
"""

import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

from documents.models import CityDocument
from plans.models import PlanDraftDocument
from tests.factories import PlanDraftPageFactory, build_site, root_collection
from tests.search.corpus import docx_bytes
from tests.search.server import SearchServerTestCase, refresh_indices

TITLE = "Kvaksėjimo tvenkinių planas"
TITLE_WORD = "Kvaksėjimo"
TEXT_WORD = "varliagyvių"


def result_links(html):
    results = re.search(r'<ol class="search-results"[^>]*>.*?</ol>', html, re.S)
    return re.findall(r'<h2><a href="([^"]+)">', results.group(0)) if results else []


class DraftDocumentReplay:
    """The replay, on whichever search backend the class uses."""

    @classmethod
    def make_site(cls):
        cls.site = build_site(translate_to_english=False)
        cls.editor = get_user_model().objects.create_superuser(
            "redaktore", "redaktore@example.org", "password"
        )

    def upload(self, title=TITLE, marked_public=False):
        """The editor uploads a DOCX through the admin's form."""
        editor = self.client_class()
        editor.force_login(self.editor)
        data = {
            "title": title,
            "file": SimpleUploadedFile(
                "tvenkiniai.docx", docx_bytes([f"Apie {TEXT_WORD} apsaugą tvenkiniuose."])
            ),
            "collection": root_collection().pk,
            "kind": CityDocument.Kind.REPORT,
        }
        if marked_public:
            data["marked_public"] = "on"
        response = editor.post("/admin/documents/add/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        return CityDocument.objects.get(title=title)

    def draft_with(self, document):
        """A new plan draft, saved but never published, with ``document`` attached (as the
        admin's create view stores it: the page and its relations, then a revision)."""
        draft = PlanDraftPageFactory(
            parent=self.site.lt["plan_index"], title="Plano projektas 0.2", live=False
        )
        draft.documents.add(PlanDraftDocument(document=document))
        draft.save()
        draft.save_revision(user=self.editor)
        return draft

    def refresh_index(self):
        """Make index writes visible (the search server shows them within a second)."""

    def download(self, document):
        response = self.client.get(document.url)
        if response.streaming:
            b"".join(response.streaming_content)  # to the end: the test client closes it
        return response.status_code

    def found(self, document, word):
        self.refresh_index()
        html = self.client.get("/lt/search/", {"q": word}).content.decode()
        return document.url in result_links(html)

    def suggested(self, document):
        self.refresh_index()
        response = self.client.get("/lt/search/suggest/", {"q": TITLE_WORD[:6]})
        return document.title in [item["title"] for item in response.json()["suggestions"]]

    def assert_private(self, document):
        document.refresh_from_db()
        self.assertEqual(self.download(document), 404)
        self.assertFalse(self.found(document, TITLE_WORD))
        self.assertFalse(self.found(document, TEXT_WORD))
        self.assertFalse(self.suggested(document))

    def assert_public(self, document):
        document.refresh_from_db()
        self.assertEqual(self.download(document), 200)
        self.assertTrue(self.found(document, TITLE_WORD))
        self.assertTrue(self.found(document, TEXT_WORD))
        self.assertTrue(self.suggested(document))

    def test_a_draft_plans_document_is_private_until_the_draft_is_published(self):
        document = self.upload()
        draft = self.draft_with(document)
        self.assert_private(document)

        draft.get_latest_revision().publish()
        self.assert_public(document)

        draft.refresh_from_db()
        draft.unpublish()
        self.assert_private(document)

    def test_a_document_added_in_a_new_draft_of_a_live_article_stays_private(self):
        document = self.upload()
        article = self.site.lt["article"].get_latest_revision_as_object()
        article.documents.add(article.documents.model(document=document))
        revision = article.save_revision(user=self.editor)  # the live article is unchanged
        self.assert_private(document)

        revision.publish()
        self.assert_public(document)


class DraftDocumentsTests(DraftDocumentReplay, TestCase):
    """On the database backend (the test run's default)."""

    @classmethod
    def setUpTestData(cls):
        cls.make_site()

    def test_an_editor_may_mark_a_document_public(self):
        editor = self.client_class()
        editor.force_login(self.editor)
        form = editor.get("/admin/documents/add/").content.decode()
        with translation.override("lt"):
            self.assertIn(str(CityDocument._meta.get_field("marked_public").help_text), form)
            self.assertEqual(translation.gettext("public"), "viešas")
        document = self.upload(marked_public=True)
        self.assert_public(document)

    def test_the_editors_may_download_it_before_it_is_published(self):
        document = self.upload()
        self.draft_with(document)
        editor = self.client_class()
        editor.force_login(self.editor)
        response = editor.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(b"".join(response.streaming_content).startswith(b"PK"))

    def test_a_page_in_a_private_section_makes_nothing_public(self):
        document = self.upload()
        draft = self.draft_with(document)
        PageViewRestriction.objects.create(
            page=self.site.lt["plan_index"],
            restriction_type=PageViewRestriction.PASSWORD,
            password="slaptazodis",
        )
        draft.get_latest_revision().publish()
        self.assert_private(document)

        # Its visitors, who know the password, get no link to a file that is not served.
        restriction = PageViewRestriction.objects.get()
        draft.refresh_from_db()
        with translation.override("lt"):
            password_url = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.pk, draft.pk]
            )
        self.client.post(password_url, {"password": "slaptazodis", "return_url": draft.url})
        page = self.client.get(draft.url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, document.url)

        # Lifting the restriction makes the draft's document public.
        restriction.delete()
        self.assert_public(document)

    def test_the_check_costs_no_query(self):
        document = self.upload(marked_public=True)
        # The document, then Wagtail's collection restriction check (its collection, and
        # the restrictions on it and its ancestors).
        with self.assertNumQueries(3):
            self.assertEqual(self.download(document), 200)


class DraftDocumentsOnTheSearchServerTests(DraftDocumentReplay, SearchServerTestCase):
    """On the search server: the same replay, the index updated as documents change."""

    @classmethod
    def build_content(cls):
        cls.make_site()

    def refresh_index(self):
        refresh_indices()
