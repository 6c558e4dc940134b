"""Search results in the page cache: an anonymous reader's search is kept for
SEARCH_CACHE_SECONDS (no publish purges it), each query apart; a logged-in user's search
and an answer of the search server's outage are never kept."""

import re
import time
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import site_search
from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

SEARCH = "/lt/search/"


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SEARCH_CACHE_SECONDS = 10


def result_titles(response):
    html = response.content.decode()
    results = re.search(r'<ol class="search-results"[^>]*>.*?</ol>', html, re.S)
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a>', results.group(0)) if results else []


def publish(page):
    """As an editor publishes (the factories make live pages without Wagtail's signals)."""
    page.save_revision().publish()


def test_a_repeated_search_is_answered_from_the_cache(client, site_tree):
    first = client.get(SEARCH, {"q": "strateginis"})
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "max-age=10" in first["Cache-Control"]
    assert site_tree.lt["standard"].title in result_titles(first)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(SEARCH, {"q": "strateginis"})
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    # Another query, or another filter, is a search of its own.
    other = client.get(SEARCH, {"q": "Alytaus"})
    assert other["X-Page-Cache"] == "miss"
    assert other.content != first.content
    assert client.get(SEARCH, {"q": "strateginis", "type": "news"})["X-Page-Cache"] == "miss"


def test_a_published_page_shows_at_once(client, site_tree):
    """Publishing moves the chrome's generation, which keys both the kept results and every
    cached page: a reader's next search is searched afresh."""
    assert result_titles(client.get(SEARCH, {"q": "Vaivorykštė"})) == []
    assert client.get(SEARCH, {"q": "Vaivorykštė"})["X-Page-Cache"] == "hit"
    publish(
        NewsArticlePageFactory(parent=site_tree.lt["news_index"], title="Vaivorykštė virš Alytaus")
    )
    fresh = client.get(SEARCH, {"q": "Vaivorykštė"})
    assert fresh["X-Page-Cache"] == "miss"
    assert result_titles(fresh) == ["Vaivorykštė virš Alytaus"]


def test_the_kept_answer_expires_with_its_max_age(client, settings, site_tree):
    settings.SEARCH_CACHE_SECONDS = 1
    client.get(SEARCH, {"q": "strateginis"})
    assert client.get(SEARCH, {"q": "strateginis"})["X-Page-Cache"] == "hit"
    time.sleep(1.1)
    assert client.get(SEARCH, {"q": "strateginis"})["X-Page-Cache"] == "miss"


def test_a_logged_in_user_searches_afresh_and_their_answer_is_not_kept(client, site_tree):
    client.get(SEARCH, {"q": "strateginis"})
    publish(
        NewsArticlePageFactory(
            parent=site_tree.lt["news_index"], title="Strateginis naujas puslapis"
        )
    )
    user = get_user_model().objects.create_user("redaktore", "r@example.org", "slaptas-1")
    client.force_login(user)
    mine = client.get(SEARCH, {"q": "strateginis"})
    assert "X-Page-Cache" not in mine
    assert "max-age" not in mine.get("Cache-Control", "")
    assert "Strateginis naujas puslapis" in result_titles(mine)
    client.get(SEARCH, {"q": "Alytaus"})
    client.logout()
    # The editor's answers were not stored for readers.
    assert client.get(SEARCH, {"q": "strateginis"})["X-Page-Cache"] == "miss"
    assert client.get(SEARCH, {"q": "Alytaus"})["X-Page-Cache"] == "miss"


def test_an_outage_answer_is_not_kept(client, site_tree):
    down = site_search.SearchUnavailable("the search server does not answer")
    with mock.patch.object(site_search, "search", side_effect=down):
        refused = client.get(SEARCH, {"q": "strateginis"})
    assert refused.status_code == 503
    assert "max-age" not in refused.get("Cache-Control", "")
    back = client.get(SEARCH, {"q": "strateginis"})
    assert back.status_code == 200
    assert back["X-Page-Cache"] == "miss"
    assert site_tree.lt["standard"].title in result_titles(back)


def test_search_is_not_kept_when_its_cache_is_off(client, settings, site_tree):
    settings.SEARCH_CACHE_SECONDS = 0
    client.get(SEARCH, {"q": "strateginis"})
    second = client.get(SEARCH, {"q": "strateginis"})
    assert second.status_code == 200
    assert "X-Page-Cache" not in second
    assert "max-age" not in second.get("Cache-Control", "")
