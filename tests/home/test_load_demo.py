"""`manage.py load_demo`: the demonstration site, and loading it twice gives the same site."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Locale, Page, Site

from documents.models import CityDocument
from home.models import HomePage
from news.models import NewsArticlePage
from plans.models import PlanDraftPage
from plans.versions import published_revisions
from workinggroups.models import WorkingGroupPage

SOURCE_LINE = "AMS, Strateginio plano rengėjų informacija"


def site_census():
    """What a second run could change: pages per locale (ids too), documents."""
    return {
        "pages": {
            locale.language_code: sorted(
                Page.objects.filter(locale=locale, depth__gt=1).values_list("pk", flat=True)
            )
            for locale in Locale.objects.all()
        },
        "live pages": Page.objects.filter(depth__gt=1, live=True).count(),
        "documents": sorted(CityDocument.objects.values_list("pk", "file")),
    }


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=io.StringIO())
        cls.after_first_run = site_census()
        call_command("load_demo", stdout=io.StringIO())
        cls.after_second_run = site_census()
        cls.lt = Locale.objects.get(language_code="lt")
        cls.en = Locale.objects.get(language_code="en")

    def test_loading_twice_gives_the_same_site(self):
        self.assertEqual(self.after_first_run, self.after_second_run)
        self.assertGreater(len(self.after_first_run["pages"]["lt"]), 10)
        self.assertEqual(
            len(self.after_first_run["pages"]["lt"]), len(self.after_first_run["pages"]["en"])
        )

    def test_the_demo_draft_has_two_versions_in_both_languages(self):
        """Version 0.2 follows the consultation, once: loading again publishes no third."""
        for locale in (self.lt, self.en):
            draft = PlanDraftPage.objects.get(locale=locale, stage=PlanDraftPage.Stage.DRAFTING)
            versions = published_revisions(draft)
            self.assertEqual([v.version_label for v in versions], ["0.1", "0.2"])
            self.assertTrue(all(v.change_note for v in versions))
            comparison = draft.compare(versions[0].pk, versions[1].pk)
            self.assertEqual(
                sorted((c.kind, c.action) for c in comparison.elements),
                [
                    ("indicator", "added"),
                    ("indicator", "changed"),
                    ("indicator", "changed"),
                    ("indicator", "removed"),
                    ("measure", "changed"),
                    ("measure", "moved"),
                ],
            )

    def test_the_site_root_is_the_lithuanian_home_page(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.locale, self.lt)
        self.assertEqual(Site.objects.count(), 1)
        self.assertFalse(Page.objects.filter(title="Welcome to your new Wagtail site!").exists())
        response = self.client.get("/lt/")
        self.assertContains(response, site.root_page.title)

    def test_six_working_groups_five_thematic_and_the_consultative(self):
        groups = WorkingGroupPage.objects.live().filter(locale=self.lt)
        self.assertEqual(groups.count(), 6)
        self.assertEqual(groups.filter(kind=WorkingGroupPage.Kind.THEMATIC).count(), 5)
        self.assertEqual(groups.filter(kind=WorkingGroupPage.Kind.CONSULTATIVE).count(), 1)
        for group in groups:
            with self.subTest(group=group.title):
                self.assertTrue(group.memberships.exists(), "a group without members")

    def test_the_news_article_from_the_seed(self):
        article = NewsArticlePage.objects.live().get(locale=self.lt, source_line=SOURCE_LINE)
        response = self.client.get(article.url)
        self.assertContains(response, SOURCE_LINE)

    def test_the_mayors_order_document(self):
        order = CityDocument.objects.get(number="M-18")
        self.assertEqual(order.document_date, datetime.date(2020, 6, 2))
        self.assertEqual(order.kind, CityDocument.Kind.ORDER)
        self.assertTrue(order.file.storage.exists(order.file.name))
        self.assertTrue(order.file.read(5).startswith(b"%PDF"))
        order.file.close()

    def test_a_plan_draft_open_for_consultation(self):
        drafts = PlanDraftPage.objects.live().filter(locale=self.lt)
        self.assertTrue(any(draft.is_open_for_consultation for draft in drafts))

    def test_every_page_has_a_live_english_translation(self):
        lithuanian = Page.objects.filter(locale=self.lt, depth__gt=1).live()
        self.assertTrue(lithuanian.exists())
        for page in lithuanian:
            with self.subTest(page=page.url_path):
                translation = page.get_translation_or_none(self.en)
                self.assertIsNotNone(translation, "no English translation")
                self.assertTrue(translation.live, "the English translation is not published")
                self.assertEqual(translation.specific_class, page.specific_class)
        self.assertEqual(
            Page.objects.filter(locale=self.en, depth__gt=1).live().count(), lithuanian.count()
        )
