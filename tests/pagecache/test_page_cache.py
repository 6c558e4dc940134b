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
