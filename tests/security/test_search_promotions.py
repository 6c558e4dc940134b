"""Promoted search results never show a visitor a page they may not open: a page with a view
restriction, a page below a restricted one, an unpublished page, a page of the other
language. An editor promotes each of them for a query; an anonymous visitor searches it."""

import re

from django.test import TestCase

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory, build_site


def promoted_links(html):
    promoted = re.search(r'<section class="search-promotions".*?</section>', html, re.S)
    return re.findall(r'<a href="([^"]+)"', promoted.group(0)) if promoted else []


class SearchPromotionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        home = cls.site.lt["home"]
        cls.public = StandardPageFactory(parent=home, title="Vieša", slug="viesa")
        cls.private = StandardPageFactory(parent=home, title="Slapta", slug="slapta")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )
        cls.below_private = StandardPageFactory(
            parent=cls.private, title="Po slapta", slug="po-slapta"
        )
        section = StandardPageFactory(parent=home, title="Skyrius", slug="skyrius")
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        cls.in_password_section = StandardPageFactory(
            parent=section, title="Su slaptažodžiu", slug="su-slaptazodziu"
        )
        cls.unpublished = StandardPageFactory(
            parent=home, title="Juodraštis", slug="juodrastis", live=False
        )
        cls.english = cls.site.en["standard"]
        query = Query.get("planas")
        for order, page in enumerate(
            [
                cls.private,
                cls.below_private,
                cls.in_password_section,
                cls.unpublished,
                cls.english,
                cls.public,
            ]
        ):
            SearchPromotion.objects.create(query=query, page=page, sort_order=order)

    def test_only_the_public_live_page_of_the_language_is_promoted(self):
        response = self.client.get("/lt/search/", {"q": "planas"})
        self.assertEqual(response.status_code, 200)
        links = promoted_links(response.content.decode())
        self.assertEqual(links, [self.public.url])
        html = response.content.decode()
        for page in (self.private, self.below_private, self.in_password_section):
            self.assertNotIn(page.title, html)
        self.assertNotIn(self.unpublished.title, html)

    def test_a_restriction_added_later_hides_the_promotion(self):
        PageViewRestriction.objects.create(
            page=self.public, restriction_type=PageViewRestriction.GROUPS
        )
        response = self.client.get("/lt/search/", {"q": "planas"})
        self.assertEqual(promoted_links(response.content.decode()), [])
