"""The news index's RSS and Atom feeds, as a feed reader gets them."""

import xml.etree.ElementTree as ET

from tests.base import BilingualSiteTestCase
from tests.factories import NewsArticlePageFactory

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


class NewsFeedTests(BilingualSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second_article = NewsArticlePageFactory(
            parent=cls.lt["news_index"],
            title="Įvyko pirmieji darbo grupių posėdžiai",
            date="2020-07-21",
        )
        NewsArticlePageFactory(parent=cls.lt["news_index"], title="Juodraštis", live=False)

    def test_rss_lists_the_articles_of_its_language_newest_first(self):
        response = self.client.get(self.lt["news_index"].url + "rss/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        channel = parse(response).find("channel")
        self.assertEqual(channel.findtext("language"), "lt")
        self.assertEqual(channel.findtext("link"), "http://testserver/lt/naujienos/")
        items = channel.findall("item")
        self.assertEqual(
            [(item.findtext("title"), item.findtext("link")) for item in items],
            [
                (
                    "Įvyko pirmieji darbo grupių posėdžiai",
                    "http://testserver" + self.second_article.url,
                ),
                ("Sudarytos darbo grupės", "http://testserver" + self.lt["article"].url),
            ],
        )
        self.assertEqual(items[1].findtext("description"), self.lt["article"].intro)

    def test_english_rss_is_in_english(self):
        response = self.client.get(self.en["news_index"].url + "rss/")
        channel = parse(response).find("channel")
        self.assertEqual(channel.findtext("language"), "en")
        self.assertEqual(
            [item.findtext("title") for item in channel.findall("item")],
            ["Working groups formed"],
        )
        self.assertEqual(
            channel.find("item").findtext("link"), "http://testserver" + self.en["article"].url
        )

    def test_atom_feed(self):
        response = self.client.get(self.lt["news_index"].url + "atom/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        feed = parse(response)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        self.assertEqual(feed.get(XML_LANG), "lt")
        self.assertEqual(
            feed.find(f"{ATOM}link[@rel='self']").get("href"),
            "http://testserver/lt/naujienos/atom/",
        )
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual(
            [entry.findtext(f"{ATOM}title") for entry in entries],
            ["Įvyko pirmieji darbo grupių posėdžiai", "Sudarytos darbo grupės"],
        )
        self.assertEqual(
            entries[1].find(f"{ATOM}link").get("href"),
            "http://testserver" + self.lt["article"].url,
        )
        self.assertEqual(
            entries[1].findtext(f"{ATOM}author/{ATOM}name"),
            "AMS, Strateginio plano rengėjų informacija",
        )

    def test_news_index_announces_its_feeds(self):
        html = self.client.get(self.lt["news_index"].url).content.decode()
        self.assertIn('type="application/rss+xml"', html)
        self.assertIn('href="/lt/naujienos/rss/"', html)
        self.assertIn('href="/lt/naujienos/atom/"', html)
