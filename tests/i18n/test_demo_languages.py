"""load_demo: English pages are real translations, the trees are synchronised, and the
translators' report has nothing to do."""

import io

from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from core.translation_report import translation_report_rows


class DemoLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())  # idempotent, sync included

    def test_the_english_tree_follows_the_lithuanian_one(self):
        sync = LocaleSynchronization.objects.get()
        self.assertEqual(sync.locale.language_code, "en")
        self.assertEqual(sync.sync_from.language_code, "lt")

    def test_english_pages_are_translations_not_aliases(self):
        english = Page.objects.filter(locale=Locale.objects.get(language_code="en"))
        self.assertGreater(english.count(), 10)
        self.assertFalse(english.filter(alias_of__isnull=False).exists())

    def test_nothing_to_translate(self):
        self.assertEqual([(row.page.title, row.status) for row in translation_report_rows()], [])
