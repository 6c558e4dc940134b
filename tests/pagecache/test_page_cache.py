"""The page cache for anonymous readers: hits cost no query, publishing and moderation purge
the page and its listings, and nobody is served a page made for someone else."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from feedback import moderation
from feedback.models import PublicComment
from news.models import NewsArticlePage
from tests.feedback.helpers import make_comment

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache(client, site_tree):
    url = site_tree.lt["article"].url
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert not second.cookies


def test_query_strings_are_separate_entries(client, site_tree):
    url = site_tree.lt["news_index"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url + "?page=2")["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_publishing_purges_the_page_and_its_listings(client, site_tree):
    article = site_tree.lt["article"]
    index = site_tree.lt["news_index"]
    home = site_tree.lt["home"]
    for url in (article.url, index.url, home.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    article = NewsArticlePage.objects.get(pk=article.pk)
    article.title = "Darbo grupės pradėjo darbą"
    article.save_revision().publish()

    for url in (article.url, index.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Darbo grupės pradėjo darbą" in response.content.decode(), url
    assert client.get(home.url)["X-Page-Cache"] == "miss"


def test_unpublishing_purges_the_listing(client, site_tree):
    article = site_tree.lt["article"]
    index = site_tree.lt["news_index"]
    client.get(index.url)
    assert article.title in client.get(index.url).content.decode()
    article.unpublish()
    response = client.get(index.url)
    assert response["X-Page-Cache"] == "miss"
    assert article.title not in response.content.decode()
    assert client.get(article.url).status_code == 404


def test_moving_a_page_purges_every_page(client, site_tree):
    article = site_tree.lt["article"]
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    article.move(site_tree.lt["news_index"], pos="last-child")
    assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_approving_a_comment_purges_the_page(client, site_tree):
    article = site_tree.lt["article"]
    comment = make_comment(
        article, status=PublicComment.Status.HELD, comment="Siūlau daugiau dviračių takų."
    )
    client.get(article.url)
    assert "Siūlau daugiau dviračių takų." not in client.get(article.url).content.decode()
    moderation.approve(PublicComment.objects.filter(pk=comment.pk))
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Siūlau daugiau dviračių takų." in response.content.decode()


def test_a_logged_in_user_never_gets_the_cached_page(client, site_tree):
    url = site_tree.lt["article"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    user = get_user_model().objects.create_user("redaktore", "r@example.org", "slaptas-1")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    # Nor is the page rendered for them stored for others.
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_pages_carry_no_form_and_each_visitor_gets_a_valid_comment_form(client, site_tree):
    from django.test import Client

    article = site_tree.lt["article"]
    client.get(article.url)
    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit"
    assert b"csrfmiddlewaretoken" not in cached.content
    assert "csrftoken" not in cached.cookies

    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        assert visitor.get(article.url)["X-Page-Cache"] == "hit"
        form = visitor.get(f"/lt/comments/form/{article.pk}/")
        assert form.status_code == 200
        assert "no-cache" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]
        assert "X-Page-Cache" not in form
        token = CSRF_INPUT.search(form.content.decode()).group(1)
        tokens.append((visitor, token))
    assert tokens[0][1] != tokens[1][1]
    # Each visitor's token passes the CSRF check (a refusal would be 403).
    for visitor, token in tokens:
        response = visitor.post(
            "/lt/comments/post/", {"csrfmiddlewaretoken": token, "comment": ""}, HTTP_REFERER="x"
        )
        assert response.status_code != 403


def test_a_hit_is_the_page_as_django_sent_it(client, site_tree):
    url = site_tree.lt["article"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content
    # The headers the inner middlewares added are stored with the page.
    for name in ("Content-Type", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options"):
        assert hit[name] == first[name], name


def test_the_cache_does_not_answer_what_it_must_not(client, site_tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    url = site_tree.lt["article"].url
    client.get(url)
    # A host the site does not serve: Django refuses it (400), the cache does not answer.
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response
    # A session cookie: the page is rendered for this reader.
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    del client.cookies[settings.SESSION_COOKIE_NAME]
    # Plain HTTP when HTTPS is required: Django's redirect, not the cached page (a new
    # client: the middlewares read the setting when they are built).
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(url)
    assert response.status_code == 301
    assert "X-Page-Cache" not in response


def test_a_miss_is_looked_up_and_stored_with_one_round_trip_each(client, site_tree):
    from unittest import mock

    from pagecache import store

    url = site_tree.lt["news_index"].url
    with (
        mock.patch.object(store.cache, "get_many", wraps=store.cache.get_many) as reads,
        mock.patch.object(store.cache, "set", wraps=store.cache.set) as writes,
    ):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert reads.call_count == 1
        assert [call.args[0] for call in writes.call_args_list if "pagecache:page" in call.args[0]]
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert reads.call_count == 2
