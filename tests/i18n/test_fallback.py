"""An untranslated page at its English URL: the Lithuanian original with a notice."""

from django.utils import translation

from wagtail_localize.models import LocaleSynchronization

from tests.base import BilingualSiteTestCase
from tests.factories import NewsArticlePageFactory
from tests.home.test_site import language_switcher_links

NOTICE = "This page is not yet available in English."


class UntranslatedPageTests(BilingualSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The English tree follows the Lithuanian one (as the migration and load_demo set up).
        LocaleSynchronization.objects.create(
            locale=cls.site_data.en_locale, sync_from=cls.site_data.lt_locale
        )
        cls.article = NewsArticlePageFactory(
            parent=cls.lt["news_index"],
            title="Naujas posėdžių grafikas",
            slug="naujas-posedziu-grafikas",
            intro="Darbo grupės susitiks kas dvi savaites.",
        )
        # What wagtail-localize does after a page is created in the admin.
        LocaleSynchronization.objects.get(locale=cls.site_data.en_locale).sync_trees()
        cls.alias = cls.article.get_translation(cls.site_data.en_locale)

    def test_the_english_tree_has_an_alias_of_the_new_page(self):
        self.assertEqual(self.alias.alias_of_id, self.article.pk)
        self.assertEqual(self.alias.url, f"{self.en['news_index'].url}naujas-posedziu-grafikas/")

    def test_english_url_shows_the_lithuanian_content_with_a_notice(self):
        response = self.client.get(self.alias.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="en">', html)  # the site's interface stays English
        self.assertIn(NOTICE, html)
        self.assertIn('<div class="page-content" lang="lt">', html)
        content = html.split('<div class="page-content" lang="lt">', 1)[1]
        self.assertIn("Naujas posėdžių grafikas", content)
        self.assertIn("Darbo grupės susitiks kas dvi savaites.", content)

    def test_the_alias_is_no_english_alternate(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertNotIn(f'hreflang="en" href="http://testserver{self.alias.url}"', html)
        html = self.client.get(self.alias.url).content.decode()
        self.assertIn(f'hreflang="lt" href="http://testserver{self.article.url}"', html)
        self.assertIn('hreflang="x-default"', html)

    def test_switcher_leads_to_the_same_page_both_ways(self):
        lt_html = self.client.get(self.article.url).content.decode()
        self.assertEqual(language_switcher_links(lt_html)["en"], self.alias.url)
        en_html = self.client.get(self.alias.url).content.decode()
        self.assertEqual(language_switcher_links(en_html)["lt"], self.article.url)

    def test_translated_pages_show_no_notice(self):
        for key in ("home", "article", "meeting"):
            with self.subTest(page=key):
                html = self.client.get(self.en[key].url).content.decode()
                self.assertNotIn(NOTICE, html)
                self.assertIn('<div class="page-content">', html)

    def test_the_notice_in_lithuanian_catalogue(self):
        with translation.override("lt"):
            self.assertNotEqual(
                translation.gettext(
                    "This page is not yet available in English. "
                    "You are reading the Lithuanian original."
                ),
                "This page is not yet available in English. "
                "You are reading the Lithuanian original.",
            )
