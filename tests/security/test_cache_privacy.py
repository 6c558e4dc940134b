"""Caches never outlive privacy or publication (security review, finding 14).

The attack: a reader (or a caching proxy) fetched a page, its feeds, its open data and its
version compare while they were public; then an editor made the section private or
unpublished the article. Every copy kept before must be gone at once, from Django's page
cache and from the caching proxy (purged through Wagtail's frontend-cache backends, recorded
here by a backend of the test's own), and a private page's sub-routes must ask for the
login like the page itself.
"""

import pytest

from django.contrib.auth.models import Group

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingProxy(BaseBackend):
    """Stands for the caching proxy: records the addresses Wagtail asks it to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "proxy": {"BACKEND": "tests.security.test_cache_privacy.RecordingProxy"},
    }
    PURGED.clear()


def sub_routes(draft):
    return [draft.url, f"{draft.url}data/csv/", f"{draft.url}data/json/"]


def read_twice(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS])
def test_a_section_made_private_is_no_longer_served_from_any_cache(client, site_tree, restriction):
    draft = site_tree.lt["draft"]
    plan_index = site_tree.lt["plan_index"]
    urls = [plan_index.url, *sub_routes(draft)]
    read_twice(client, urls)

    made = PageViewRestriction.objects.create(
        page=plan_index, restriction_type=restriction, password="slaptas-2030"
    )
    if restriction == PageViewRestriction.GROUPS:
        made.groups.add(Group.objects.create(name="Planuotojai"))

    for url in urls:
        response = client.get(url)
        assert response.get("X-Page-Cache") != "hit", url
        # The password form or the login redirect, never the plan's data.
        assert response.status_code in (200, 302), url
        assert draft.title not in response.content.decode(), url
        assert "text/csv" not in response.get("Content-Type", ""), url
        assert "application/json" not in response.get("Content-Type", ""), url
    # The proxy was told to drop the page, each of its routes and the index.
    for url in urls:
        assert any(purged.endswith(url) for purged in PURGED), url


def test_an_unpublished_article_leaves_its_listing_and_feeds(client, site_tree):
    article = site_tree.lt["article"]
    index = site_tree.lt["news_index"]
    feeds = [f"{index.url}rss/", f"{index.url}atom/"]
    read_twice(client, [index.url, *feeds])
    for url in feeds:
        assert article.title in client.get(url).content.decode()

    NewsArticlePage.objects.get(pk=article.pk).unpublish()

    for url in [index.url, *feeds]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert article.title not in response.content.decode(), url
        assert any(purged.endswith(url) for purged in PURGED), url


def test_a_deleted_article_leaves_its_listing_and_feeds(client, site_tree):
    article = site_tree.lt["article"]
    index = site_tree.lt["news_index"]
    feeds = [f"{index.url}rss/", f"{index.url}atom/"]
    read_twice(client, [article.url, index.url, *feeds])

    NewsArticlePage.objects.get(pk=article.pk).delete()

    assert client.get(article.url).status_code == 404
    for url in [index.url, *feeds]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert article.title not in response.content.decode(), url
    assert any(purged.endswith(article.url) for purged in PURGED)


def test_a_moved_article_is_purged_at_its_old_address(client, site_tree):
    article = site_tree.lt["article"]
    old_url = article.url
    read_twice(client, [old_url])
    article.move(site_tree.lt["group"], pos="last-child")
    assert any(purged.endswith(old_url) for purged in PURGED)
    # Wagtail's redirect to the new address, not the page kept at the old one.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == site_tree.lt["group"].url + f"{article.slug}/"
