"""The public site as a visitor meets it: every page type in both languages, the styled
404 page, the language switcher, the root redirect, robots.txt and sitemap.xml."""

import re
import xml.etree.ElementTree as ET

from django.utils import translation

from tests.base import BilingualSiteTestCase
from tests.factories import PAGE_KEYS

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def heading(html):
    """The text of the page's first-level heading."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no <h1>"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def language_switcher_links(html):
    """{language code: href} of the language switcher in the page header."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert nav, "the page has no language switcher"
    return {
        code: href for href, code in re.findall(r'<a href="([^"]*)" lang="([a-z]+)"', nav.group(0))
    }


class PageRenderingTests(BilingualSiteTestCase):
    def test_every_page_type_renders_in_both_languages_with_its_title(self):
        for language in ("lt", "en"):
            pages = getattr(self, language)
            self.assertEqual(set(pages), set(PAGE_KEYS))
            for key, page in pages.items():
                with self.subTest(language=language, page=key):
                    self.assertEqual(page.locale.language_code, language)
                    self.assertPageIsRenderable(page)
                    url = page.get_url()
                    self.assertTrue(url.startswith(f"/{language}/"), url)
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    html = response.content.decode()
                    self.assertIn(f'<html lang="{language}">', html)
                    self.assertEqual(heading(html), page.title)
                    self.assertIn(f"<title>{page.title} |", html)

    def test_news_article_previews_in_the_admin(self):
        # The preview renders the page from the editor's unsaved form: its related groups are
        # then in memory (modelcluster), not in the database. (Wagtail's helper reads the
        # form data from the edit view's HTML, which it cannot do for StreamFields; the
        # browser test tests/e2e/test_csp.py previews an article too.)
        self.assertPageIsPreviewable(self.lt["article"])

    def test_footer_names_the_municipality_in_the_visitors_language(self):
        def footer(page):
            html = self.client.get(page.url).content.decode()
            return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)

        self.assertIn("Alytaus miesto savivaldybė", footer(self.lt["home"]))
        self.assertNotIn("Alytus City Municipality", footer(self.lt["home"]))
        self.assertIn("Alytus City Municipality", footer(self.en["home"]))

    def test_language_switcher_links_to_the_same_page_in_the_other_language(self):
        for key in PAGE_KEYS:
            with self.subTest(page=key):
                html = self.client.get(self.lt[key].url).content.decode()
                self.assertEqual(
                    language_switcher_links(html),
                    {"lt": self.lt[key].url, "en": self.en[key].url},
                )
                self.assertIn(
                    f'<link rel="alternate" hreflang="en" href="http://testserver{self.en[key].url}">',
                    html,
                )

    def test_language_switcher_falls_back_to_the_home_page_of_an_untranslated_page(self):
        self.en["standard"].unpublish()
        html = self.client.get(self.lt["standard"].url).content.decode()
        self.assertEqual(language_switcher_links(html)["en"], "/en/")
        self.assertNotIn('hreflang="en" href="http://testserver/en/', html)

    def test_main_menu_lists_the_sections_in_the_visitors_language(self):
        html = self.client.get(self.en["home"].url).content.decode()
        menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
        for key in ("group_index", "plan_index", "news_index"):
            self.assertIn(f'href="{self.en[key].url}"', menu)
            self.assertNotIn(f'href="{self.lt[key].url}"', menu)

    def test_unknown_address_gives_the_styled_404_page(self):
        for language in ("lt", "en"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/tokio-puslapio-nera/")
                self.assertEqual(response.status_code, 404)
                html = response.content.decode()
                with translation.override(language):
                    expected = translation.gettext("Page not found")
                    skip_link = translation.gettext("Skip to main content")
                self.assertEqual(heading(html), expected)
                self.assertIn(f'<html lang="{language}">', html)
                # The site's own shell (base.html), not Django's bare "Not Found".
                self.assertIn(f'<a class="skip-link" href="#main">{skip_link}</a>', html)
                self.assertIn('<footer class="site-footer">', html)
                self.assertIn(f'href="/{language}/"', html)

    def test_root_redirects_to_the_lithuanian_home_page(self):
        response = self.client.get("/")
        self.assertRedirects(response, "/lt/", status_code=302)
        self.assertEqual(
            heading(self.client.get("/", follow=True).content.decode()), self.lt["home"].title
        )

    def test_robots_txt(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain")
        body = response.content.decode()
        self.assertIn("Disallow: /admin/", body)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", body)

    def sitemap_locations(self, language):
        """The pages listed by the sitemap of ``language``, reached from the sitemap index."""
        index = self.client.get("/sitemap.xml")
        self.assertEqual(index.status_code, 200)
        self.assertEqual(index["Content-Type"], "application/xml")
        root = ET.fromstring(index.content)  # noqa: S314 (our own response)
        sitemaps = [loc.text for loc in root.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
        url = f"http://testserver/sitemap-{language}.xml"
        self.assertIn(url, sitemaps)
        response = self.client.get(url.removeprefix("http://testserver"))
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)  # noqa: S314 (our own response)
        return {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}

    def test_sitemap_of_each_language_lists_its_own_pages(self):
        for language, pages, other in (("lt", self.lt, self.en), ("en", self.en, self.lt)):
            locations = self.sitemap_locations(language)
            for key in PAGE_KEYS:
                self.assertIn(pages[key].get_full_url(), locations)
                self.assertNotIn(other[key].get_full_url(), locations)
