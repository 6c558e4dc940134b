"""The page cache for anonymous readers: hits cost no query, publishing and moderation purge
the page and its listings, and nobody is served a page made for someone else."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
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


def _wsgi_get(url, **headers):
    """GET `url` through the application cityplan.wsgi serves, built now (with the current
    settings): (status line, headers, body)."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections
    from django.test import RequestFactory

    from cityplan import wsgi
    from pagecache.middleware import PageCacheApplication

    assert isinstance(wsgi.application, PageCacheApplication)
    application = PageCacheApplication(WSGIHandler())
    environ = RequestFactory(**headers).get(url).environ
    answer = {}

    def start_response(status, response_headers):
        answer["status"], answer["headers"] = status, dict(response_headers)

    # As Django's test client does: keep the test's connection (and transaction) open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        body = b"".join(response)
        getattr(response, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def test_the_wsgi_application_answers_a_hit_with_the_page_as_django_sent_it(client, site_tree):
    url = site_tree.lt["article"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    status, headers, body = _wsgi_get(url)
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert body == first.content
    assert headers["Content-Length"] == str(len(first.content))
    # The headers the outer middlewares added are stored with the page.
    for name in ("Content-Type", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options"):
        assert headers[name] == first[name], name


def test_the_wsgi_application_passes_what_the_cache_must_not_answer(client, site_tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    url = site_tree.lt["article"].url
    client.get(url)
    # A host the site does not serve: Django refuses it (400), the cache does not answer.
    status, headers, _ = _wsgi_get(url, HTTP_HOST="evil.example")
    assert status.startswith("400")
    assert "X-Page-Cache" not in headers
    # A session cookie: the page is rendered for this reader.
    status, headers, _ = _wsgi_get(url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert status == "200 OK"
    assert "X-Page-Cache" not in headers
    # Plain HTTP when HTTPS is required: Django's redirect, not the cached page.
    settings.SECURE_SSL_REDIRECT = True
    status, headers, _ = _wsgi_get(url)
    assert status.startswith("301")
    assert "X-Page-Cache" not in headers


def test_through_the_wsgi_application_a_miss_is_stored_with_one_lookup(site_tree):
    from unittest import mock

    from pagecache import store

    url = site_tree.lt["news_index"].url
    with mock.patch.object(store.cache, "get_many", wraps=store.cache.get_many) as reads:
        status, headers, first = _wsgi_get(url)
        assert status == "200 OK"
        assert headers["X-Page-Cache"] == "miss"
        assert reads.call_count == 1  # Django's middleware reused the lookup made in front
        status, headers, second = _wsgi_get(url)
    assert headers["X-Page-Cache"] == "hit"
    assert second == first
    assert reads.call_count == 2
