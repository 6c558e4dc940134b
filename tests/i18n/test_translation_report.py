"""The translators' report lists pages whose translation is missing or older than the source."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

from core.translation_report import MISSING, OUTDATED, translation_report_rows
from tests.base import BilingualSiteTestCase
from tests.factories import NewsArticlePageFactory

REPORT_URL = "/admin/reports/translations-to-do/"


def republish(page):
    page.refresh_from_db()
    page = page.specific
    page.title = f"{page.title} (pataisyta)"
    page.save_revision().publish()
    return page


class TranslationReportTests(BilingualSiteTestCase):
    def rows_by_page(self):
        return {(row.page.pk, row.locale.language_code): row for row in translation_report_rows()}

    def test_a_fully_translated_site_has_nothing_to_do(self):
        self.assertEqual(translation_report_rows(), [])

    def test_a_page_whose_source_changed_after_translation_is_listed(self):
        article = republish(self.lt["article"])
        row = self.rows_by_page()[(article.pk, "en")]
        self.assertEqual(row.status, OUTDATED)
        self.assertEqual(row.translation.pk, self.en["article"].pk)
        self.assertEqual(row.translate_url, f"/admin/pages/{self.en['article'].pk}/edit/")

    def test_with_wagtail_localize_source_changed_after_sync(self):
        page = self.lt["standard"]
        source, _created = TranslationSource.get_or_create_from_instance(page)
        translation = Translation.objects.create(
            source=source, target_locale=self.site_data.en_locale
        )
        translation.save_target(publish=True)

        republish(page)
        row = self.rows_by_page()[(page.pk, "en")]
        self.assertEqual(row.status, OUTDATED)
        self.assertEqual(
            row.update_url, reverse("wagtail_localize:update_translations", args=[source.pk])
        )

    def test_an_untranslated_page_is_listed_as_missing(self):
        new = NewsArticlePageFactory(parent=self.lt["news_index"], title="Nauja naujiena")
        row = self.rows_by_page()[(new.pk, "en")]
        self.assertEqual(row.status, MISSING)
        self.assertEqual(
            row.translate_url,
            reverse("wagtail_localize:submit_page_translation", args=[new.pk]),
        )

    def test_the_admin_report_page(self):
        article = republish(self.lt["article"])
        user = get_user_model().objects.create_superuser("translator", "t@example.org", "pw")
        self.client.force_login(user)
        response = self.client.get(REPORT_URL)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(article.title, html)
        self.assertIn(f"/admin/pages/{self.en['article'].pk}/edit/", html)

    def test_the_report_is_for_translators_only(self):
        user = get_user_model().objects.create_user("reader", "r@example.org", "pw")
        user.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
        self.client.force_login(user)
        response = self.client.get(REPORT_URL)
        self.assertIn(response.status_code, (302, 403))  # Wagtail redirects a denied user
