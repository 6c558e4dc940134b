"""Comments on cached pages: every change that readers see purges the page and the listings
that show its comment count (with the page cache of pagecache/ turned on)."""

import pytest

from django.test import Client

from feedback import moderation
from feedback.models import PublicComment
from tests.feedback.helpers import make_comment, post_and_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def cached(client, url):
    """Request twice: the second answer must come from the cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


def test_a_confirmed_comment_shows_at_once_on_the_page_and_in_the_listings(
    client, site_tree, article
):
    make_comment(article, user_email="ona@example.lt")
    listings = [site_tree.lt["news_index"].url, site_tree.lt["home"].url]
    for url in [article.url, *listings]:
        cached(client, url)
    comment, _ = post_and_confirm(client, article, comment="Naujas paskelbtas komentaras.")
    assert comment.status == PublicComment.Status.PUBLISHED
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Naujas paskelbtas komentaras." in response.content.decode()
    for url in listings:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert f'href="{article.url}#comments">2 ' in response.content.decode()


def test_moderation_flags_answers_and_dispositions_purge_the_page(
    client, moderator, draft, site_tree
):
    comment = make_comment(draft, comment="Komentaras apie projektą.")
    steps = [
        lambda: moderation.answer_officially(comment, moderator, "Atsakymas.", "Savivaldybė"),
        lambda: moderation.set_disposition(comment, "accepted", "Priimta.", moderator),
        lambda: moderation.remove([comment], moderator),
        lambda: moderation.approve([comment], moderator),
    ]
    for step in steps:
        cached(client, draft.url)
        cached(client, site_tree.lt["plan_index"].url)
        step()
        assert client.get(draft.url)["X-Page-Cache"] == "miss"
        assert client.get(site_tree.lt["plan_index"].url)["X-Page-Cache"] == "miss"

    # Enough reader flags hide the comment: the page is purged too.
    cached(client, draft.url)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        Client(REMOTE_ADDR=address).post(f"/lt/comments/c/{comment.pk}/flag/", {"reason": "spam"})
    response = client.get(draft.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Komentaras apie projektą." not in response.content.decode()
