"""Confirmation skips the page's state: a confirmation link opened after the comments
closed, after the page went private or was unpublished, or after the comment it replies to
was removed, used to publish the comment all the same. Now it stores nothing and says why."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import PageViewRestriction

from feedback import moderation
from feedback.models import PublicComment
from tests.feedback.helpers import confirmation_links, make_comment, path_of, post_comment
from tests.security.comments import known_commenter, lt, published

pytestmark = pytest.mark.django_db

NOT_PUBLISHED = "Your comment was not published"


@pytest.fixture
def article(site_tree):
    page = published(site_tree.lt["article"])
    known_commenter(page)
    return page


def written(client, page, **kwargs):
    """Post a comment; the link of its confirmation e-mail."""
    assert post_comment(client, page, **kwargs).status_code == 302
    return path_of(confirmation_links()[-1])


def assert_nothing_stored(text="Gera mintis."):
    assert not PublicComment.objects.filter(comment=text).exists()


def test_comments_closed_after_posting(client, article):
    link = written(client, article)
    article.comments_open = False
    published(article)
    response = client.get(link)
    assert response.status_code == 403
    html = response.content.decode()
    assert lt(NOT_PUBLISHED) in html
    assert lt("Comments on this page are closed.") in html
    assert_nothing_stored()


def test_the_consultation_ended_after_posting(client, site_tree):
    draft = site_tree.lt["draft"]
    draft.consultation_opens = timezone.now() - datetime.timedelta(days=30)
    draft.consultation_closes = timezone.now() + datetime.timedelta(days=1)
    published(draft)
    known_commenter(draft)
    link = written(client, draft)
    draft.consultation_closes = timezone.now() - datetime.timedelta(minutes=1)
    published(draft)
    response = client.get(link)
    assert response.status_code == 403
    assert lt(NOT_PUBLISHED) in response.content.decode()
    assert_nothing_stored()


def test_the_page_went_private_after_posting(client, site_tree, article):
    link = written(client, article)
    PageViewRestriction.objects.create(
        page=site_tree.lt["news_index"], restriction_type="password", password="slaptas"
    )
    response = client.get(link)
    assert response.status_code == 404
    html = response.content.decode()
    assert lt(NOT_PUBLISHED) in html
    assert lt("The page you commented on is no longer public.") in html
    assert article.title not in html
    assert_nothing_stored()


def test_the_page_was_unpublished_after_posting(client, article):
    link = written(client, article)
    article.unpublish()
    response = client.get(link)
    assert response.status_code == 404
    assert lt(NOT_PUBLISHED) in response.content.decode()
    assert_nothing_stored()


def test_the_comment_replied_to_was_removed_after_posting(client, article):
    parent = make_comment(article, comment="Tėvinis komentaras.")
    link = written(client, article, reply_to=parent.pk, comment="Atsakymas.")
    moderation.remove([parent])
    response = client.get(link)
    assert response.status_code == 409
    assert lt(NOT_PUBLISHED) in response.content.decode()
    assert_nothing_stored("Atsakymas.")


def test_the_comment_replied_to_was_deleted_with_its_thread(client, article):
    parent = make_comment(article, comment="Tėvinis komentaras.")
    link = written(client, article, reply_to=parent.pk, comment="Atsakymas.")
    parent.delete()
    response = client.get(link)
    assert response.status_code == 409
    assert_nothing_stored("Atsakymas.")


def test_reopened_comments_take_the_link_again(client, article):
    link = written(client, article)
    article.comments_open = False
    published(article)
    assert client.get(link).status_code == 403
    article.comments_open = True
    published(article)
    response = client.get(link)
    assert response.status_code == 302
    assert PublicComment.objects.get(comment="Gera mintis.").is_published
