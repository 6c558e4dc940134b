"""The footer's pages: the accessibility statement and the information index, linked from
every page's footer in the visitor's language. The footer and the index are kept in
fragments keyed on the chrome's generation: publishing, unpublishing or restricting one of
these pages, and saving the site settings, show at once (core.changes)."""

from html.parser import HTMLParser
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from core import chrome
from home.models import AccessibilityStatementPage, HomePage, InformationIndexPage, SiteSettings
from tests.base import BilingualSiteTestCase
from tests.factories import PAGE_KEYS, NewsArticlePageFactory, StandardPageFactory, translate

# Every public page costs at most this many queries once its fragments are kept
# (tests/test_query_budgets.py).
QUERY_BUDGET = 15


class LinkCollector(HTMLParser):
    """The links inside the element that opens with `start` (a tag and a class or
    aria-label), each as (nesting depth in lists, href, text)."""

    def __init__(self, tag, attribute, value):
        super().__init__()
        self.match = (tag, attribute, value)
        self.inside = 0  # open tags of the wanted name since the element began
        self.lists = 0
        self.links = []
        self.href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        wanted_tag, attribute, value = self.match
        if tag == wanted_tag and (self.inside or attrs.get(attribute) == value):
            self.inside += 1
        if not self.inside:
            return
        if tag == "ul":
            self.lists += 1
        elif tag == "a":
            self.href = attrs.get("href")
            self.links.append([self.lists, self.href, ""])

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "ul":
            self.lists -= 1
        elif tag == "a":
            self.href = None
        elif tag == self.match[0]:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside and self.href is not None:
            self.links[-1][2] += data.strip()


def links_in(html, tag, attribute, value):
    parser = LinkCollector(tag, attribute, value)
    parser.feed(html)
    return [tuple(link) for link in parser.links]


def footer_links(html):
    """(href, text) of the footer's links about the website."""
    return [
        (href, text) for _depth, href, text in links_in(html, "ul", "class", "site-footer__links")
    ]


def index_entries(html):
    """(depth, href, text) of the information index."""
    return links_in(html, "nav", "class", "information-index")


class FooterPageRulesTests(WagtailPageTestCase):
    def test_both_sit_under_the_home_page_without_children(self):
        for model in (AccessibilityStatementPage, InformationIndexPage):
            with self.subTest(model=model.__name__):
                self.assertTrue(model.__doc__)
                self.assertAllowedParentPageTypes(model, {HomePage})
                self.assertAllowedSubpageTypes(model, set())


class FooterPagesTests(BilingualSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        home = cls.lt["home"]
        cls.lt["statement"] = home.add_child(
            instance=AccessibilityStatementPage(
                title="Prieinamumo deklaracija",
                slug="prieinamumo-deklaracija",
                intro="Savivaldybė įsipareigoja užtikrinti svetainės prieinamumą.",
                body=[("heading", "Atitikties būklė")],
            )
        )
        cls.lt["index"] = home.add_child(
            instance=InformationIndexPage(
                title="Informacijos rodyklė", slug="informacijos-rodykle", intro="Visi puslapiai."
            )
        )
        for key, title in (
            ("statement", "Accessibility statement"),
            ("index", "Information index"),
        ):
            cls.lt[key].save_revision().publish()
            cls.en[key] = translate(cls.lt[key], cls.site_data.en_locale, title)

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def expected_footer(self, pages):
        return [(pages[key].url, pages[key].title) for key in ("statement", "index")]

    def test_every_footer_links_both_pages_in_the_visitors_language(self):
        for language, pages in (("lt", self.lt), ("en", self.en)):
            for key in (*PAGE_KEYS, "statement", "index"):
                with self.subTest(language=language, page=key):
                    html = self.get(pages[key].url)
                    self.assertEqual(footer_links(html), self.expected_footer(pages))
            with self.subTest(language=language, page="404"):
                html = self.client.get(f"/{language}/tokio-puslapio-nera/").content.decode()
                self.assertEqual(footer_links(html), self.expected_footer(pages))

    def test_one_of_each_per_home_page(self):
        for model in (AccessibilityStatementPage, InformationIndexPage):
            self.assertFalse(model.can_create_at(self.lt["home"]))

    def test_the_footer_follows_the_pages_at_once(self):
        home = self.lt["home"].url
        self.assertEqual(footer_links(self.get(home)), self.expected_footer(self.lt))

        statement = self.lt["statement"]
        statement.unpublish()
        self.assertEqual(
            footer_links(self.get(home)), [(self.lt["index"].url, "Informacijos rodyklė")]
        )

        statement.title = "Svetainės prieinamumo deklaracija"
        statement.save_revision().publish()
        self.assertEqual(
            footer_links(self.get(home))[0], (statement.url, "Svetainės prieinamumo deklaracija")
        )

        PageViewRestriction.objects.create(
            page=self.lt["index"], restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(
            footer_links(self.get(home)), [(statement.url, "Svetainės prieinamumo deklaracija")]
        )

    def test_the_footer_follows_the_site_settings_at_once(self):
        home = self.lt["home"].url
        self.assertNotIn("+370 315 12 345", self.get(home))
        settings = SiteSettings.objects.get()
        settings.phone = "+370 315 12 345"
        settings.footer_text = "Telefono numeris – pavyzdinis."
        settings.save()
        html = self.get(home)
        self.assertIn('<a href="tel:+37031512345">+370 315 12 345</a>', html)
        self.assertIn("Telefono numeris – pavyzdinis.", html)

    def expected_index(self, pages):
        """The whole test site, nested as in the page tree, in menu order."""
        tree = [
            (1, "home"),
            (2, "standard"),
            (2, "group_index"),
            (3, "group"),
            (4, "meeting"),
            (2, "plan_index"),
            (3, "draft"),
            (2, "news_index"),
            (3, "article"),
            (2, "statement"),
            (2, "index"),
        ]
        return [(depth, pages[key].url, pages[key].title) for depth, key in tree]

    def test_the_information_index_shows_the_site_in_order_in_each_language(self):
        for language, pages in (("lt", self.lt), ("en", self.en)):
            with self.subTest(language=language):
                html = self.get(pages["index"].url)
                self.assertEqual(index_entries(html), self.expected_index(pages))

    def test_the_information_index_leaves_out_what_the_public_cannot_see(self):
        index = self.lt["index"].url
        self.get(index)  # kept in its fragment
        draft = StandardPageFactory(parent=self.lt["home"], title="Juodraštis", live=False)
        private = StandardPageFactory(parent=self.lt["home"], title="Vidaus tvarka")
        PageViewRestriction.objects.create(
            page=self.lt["group_index"], restriction_type=PageViewRestriction.LOGIN
        )
        titles = [text for _depth, _href, text in index_entries(self.get(index))]
        self.assertIn("Vidaus tvarka", titles)
        self.assertNotIn("Juodraštis", titles)
        for key in ("group_index", "group", "meeting"):
            self.assertNotIn(self.lt[key].title, titles)

        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
        )
        self.assertNotIn("Vidaus tvarka", self.get(index))
        self.assertFalse(draft.live)

    def test_a_long_listing_is_linked_without_its_pages(self):
        NewsArticlePageFactory(parent=self.lt["news_index"], title="Antroji naujiena")
        with mock.patch.object(InformationIndexPage, "LISTED_CHILDREN", 1):
            html = self.get(self.lt["index"].url)
        entries = index_entries(html)
        hrefs = [href for _depth, href, _text in entries]
        self.assertIn(self.lt["news_index"].url, hrefs)
        self.assertNotIn(self.lt["article"].url, hrefs)
        self.assertIn("(visi jo puslapiai išvardyti jame)", html)
        # The sections below the home page are listed however many there are.
        self.assertIn((2, self.lt["standard"].url, self.lt["standard"].title), entries)

    def count_queries(self, url, *, kept):
        if not kept:
            chrome.bump()  # nothing kept: the chrome and the index are built again
        with CaptureQueriesContext(connection) as captured:
            self.get(url)
        return len(captured)

    def test_the_information_index_costs_the_same_queries_however_large_the_site(self):
        url = self.lt["index"].url
        small = self.count_queries(url, kept=False)
        for number in range(10):
            StandardPageFactory(parent=self.lt["standard"], title=f"Skyrius {number}")
            NewsArticlePageFactory(parent=self.lt["news_index"], title=f"Naujiena {number}")
        large = self.count_queries(url, kept=False)
        self.assertEqual(large, small)
        self.assertIn("Skyrius 9", self.get(url))
        self.assertLessEqual(self.count_queries(url, kept=True), QUERY_BUDGET)
