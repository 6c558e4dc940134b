"""Private pages leak through comments: the comment views showed the comments of a page in
a private section (or of an unpublished page) to anyone, and comment ids are sequential.
An anonymous attacker walks the ids and the page ids: every answer is a 404 that shows none
of the comments' text, their authors or the page's title."""

import pytest

from django.urls import reverse

from wagtail.models import PageViewRestriction

from feedback.models import Disposition, PublicComment
from tests.feedback.helpers import make_comment
from tests.security.comments import published

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Slaptas pasiūlymas dėl biudžeto eilutės"
SECRET_AUTHOR = "Slaptas Autorius"


def with_secret_comments(page):
    """A published comment with a disposition, a reply, and a held comment on ``page``."""
    first = make_comment(page, comment=SECRET_TEXT, user_name=SECRET_AUTHOR)
    make_comment(page, comment=f"{SECRET_TEXT} (atsakymas)", user_name=SECRET_AUTHOR, parent=first)
    make_comment(page, comment=f"{SECRET_TEXT} (laukia)", user_name=SECRET_AUTHOR, status="held")
    Disposition.objects.create(comment=first, outcome="accepted", reason=f"{SECRET_TEXT}.")
    return page


@pytest.fixture
def pages(site_tree):
    draft = published(site_tree.lt["draft"])
    article = published(site_tree.lt["article"])
    group = published(site_tree.lt["group"])
    for page in (draft, article, group):
        with_secret_comments(page)
    return draft, article, group


def attacker_requests(client, page):
    """Every public comment view, for the ids of the page's comments (the attacker walks
    them all; the other pages' comments are public) and the next ids to come."""
    ids = sorted(PublicComment.objects.filter(object_pk=str(page.pk)).values_list("pk", flat=True))
    assert ids
    last = PublicComment.objects.latest("pk").pk
    for comment_id in [*ids, last + 1, last + 2]:
        yield client.get(f"/lt/comments/c/{comment_id}/")
        yield client.get(f"/lt/comments/c/{comment_id}/flag/")
        yield client.post(f"/lt/comments/c/{comment_id}/flag/", {"reason": "spam"})
        yield client.get(f"/lt/comments/form/{page.pk}/", {"reply_to": comment_id})
    yield client.get(f"/lt/comments/form/{page.pk}/")
    yield client.get(f"/lt/comments/threads/{page.pk}/")
    yield client.get(f"/lt/comments/threads/{page.pk}/", {"offset": 0, "comment": ids[0]})
    yield client.get(reverse("feedback-dispositions-csv", args=[page.pk]))
    yield client.get("/lt/comments/sent/", {"page": page.pk})


def assert_nothing_leaks(client, page):
    """Each answer about ``page`` is a 404 without its comments, authors or title."""
    for response in attacker_requests(client, page):
        path = response.wsgi_request.get_full_path()
        body = response.content.decode("utf-8", "replace")
        assert response.status_code == 404, (path, response.status_code)
        assert SECRET_TEXT not in body, path
        assert SECRET_AUTHOR not in body, path
        assert page.title not in body, path
        assert "Location" not in response, path


def restrict(page, **kwargs):
    return PageViewRestriction.objects.create(page=page, **kwargs)


def test_comments_of_a_page_in_a_private_section_stay_hidden(client, site_tree, pages):
    draft, article, group = pages
    restrict(site_tree.lt["plan_index"], restriction_type="password", password="slaptas")
    assert_nothing_leaks(client, draft)


def test_comments_of_a_private_page_stay_hidden(client, pages):
    draft, article, group = pages
    restrict(article, restriction_type="login")
    restrict(group, restriction_type="password", password="slaptas")
    assert_nothing_leaks(client, article)
    assert_nothing_leaks(client, group)


def test_comments_of_an_unpublished_page_stay_hidden(client, pages):
    draft, article, group = pages
    draft.unpublish()
    assert_nothing_leaks(client, draft)


def test_a_visitor_who_passed_the_restriction_sees_the_comments(client, pages, admin_user):
    draft, article, group = pages
    restrict(draft, restriction_type="login")
    comment = PublicComment.objects.filter(object_pk=str(draft.pk)).earliest("pk")
    assert client.get(f"/lt/comments/c/{comment.pk}/").status_code == 404

    client.force_login(admin_user)
    response = client.get(f"/lt/comments/c/{comment.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith(draft.url)
    assert SECRET_TEXT in client.get(f"/lt/comments/c/{comment.pk}/flag/").content.decode()
    assert SECRET_TEXT in client.get(f"/lt/comments/threads/{draft.pk}/").content.decode()
    csv = client.get(reverse("feedback-dispositions-csv", args=[draft.pk]))
    assert SECRET_TEXT in csv.content.decode("utf-8-sig")


def test_the_comments_of_public_pages_stay_visible(client, pages):
    draft = pages[0]
    for page in pages:
        comment = PublicComment.objects.filter(object_pk=str(page.pk)).earliest("pk")
        assert client.get(f"/lt/comments/c/{comment.pk}/").status_code == 302
        assert client.get(f"/lt/comments/c/{comment.pk}/flag/").status_code == 200
        assert SECRET_TEXT in client.get(f"/lt/comments/threads/{page.pk}/").content.decode()
    assert client.get(reverse("feedback-dispositions-csv", args=[draft.pk])).status_code == 200
