"""Remote code execution through comment links.

The confirmation and unsubscribe links used to be django-comments-xtd's ``signed`` values: an
HMAC-checked pickle, so anyone who knows ``SECRET_KEY`` (the development and test keys are in
the repository) could make the server run code by opening a crafted link. The attacker here
crafts such links with the test key; the site must run nothing, store nothing and say the
link is no longer valid. The links the site sends now are JSON signed by
``django.core.signing``, each kind with a salt of its own and a lifetime.
"""

import datetime
import time
from unittest import mock

import pytest
from django_comments.signals import comment_was_posted
from django_comments_xtd import signed
from django_comments_xtd.models import TmpXtdComment

from django.conf import settings
from django.core import mail, signing

from feedback.models import PublicComment
from tests.feedback.helpers import MUTE_LINK, confirmation_links, path_of, post_comment
from tests.security.comments import known_commenter, lt, published

pytestmark = pytest.mark.django_db

NO_LONGER_VALID = "This link is no longer valid"


class RunsCode:
    """Unpickling this object runs code: it creates ``marker``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def xtd_link(value, compress=True):
    """A link key in django-comments-xtd's format, signed with the site's key and salt."""
    key = signed.dumps(value, compress=compress, extra_key=settings.COMMENTS_XTD_SALT)
    return key.decode()


@pytest.fixture
def article(site_tree):
    page = published(site_tree.lt["article"])
    known_commenter(page)
    return page


def key_of(link):
    return path_of(link).rstrip("/").rsplit("/", 1)[1]


def assert_refused(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert lt(NO_LONGER_VALID) in html
    assert "Traceback" not in html


# --- The attack -------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["confirm", "mute"])
@pytest.mark.parametrize("compress", [True, False])
def test_a_crafted_pickle_link_runs_no_code(client, article, tmp_path, view, compress):
    marker = tmp_path / "code-ran"
    key = xtd_link(RunsCode(marker), compress=compress)
    response = client.get(f"/lt/comments/{view}/{key}/")
    assert not marker.exists()
    assert_refused(response)
    assert PublicComment.objects.count() == 1  # the known commenter's only


@pytest.mark.parametrize("view", ["confirm", "mute"])
def test_a_link_of_the_old_format_is_no_longer_valid(client, article, view):
    old = xtd_link({"user_email": "ona@example.lt", "comment": "Senas komentaras."})
    assert_refused(client.get(f"/lt/comments/{view}/{old}/"))
    assert not PublicComment.objects.filter(comment="Senas komentaras.").exists()


def test_xtd_no_longer_handles_posted_comments(client, article):
    """xtd's receiver would e-mail a pickled confirmation link of any comment posted."""
    assert not comment_was_posted.has_listeners(TmpXtdComment)
    post_comment(client, article, comment="Naujas komentaras.")
    (message,) = mail.outbox
    key = key_of(confirmation_links()[0])
    assert signing.loads(key, salt="feedback.confirm")["text"] == "Naujas komentaras."


# --- Tampered, expired and misused links ----------------------------------------------


def test_a_tampered_confirmation_link_is_refused(client, article):
    post_comment(client, article)
    key = key_of(confirmation_links()[0])
    value, timestamp, signature = key.rsplit(":", 2)
    flipped = value[:-3] + ("A" if value[-3] != "A" else "B") + value[-2:]
    for forged in (
        f"{flipped}:{timestamp}:{signature}",
        f"{value}:{timestamp}:{signature[:-1]}",
        signing.dumps({"page": article.pk, "text": "Svetimas."}, salt="feedback.confirm", key="x"),
        "a:b:c",
    ):
        response = client.get(f"/lt/comments/confirm/{forged}/")
        assert response.status_code == 400
        assert "Traceback" not in response.content.decode()
    assert PublicComment.objects.count() == 1


def test_an_expired_confirmation_link_is_refused(client, article):
    post_comment(client, article)
    link = path_of(confirmation_links()[0])
    later = time.time() + datetime.timedelta(days=8).total_seconds()
    with mock.patch("time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 400
    assert PublicComment.objects.count() == 1
    assert client.get(link).status_code == 302  # within its week it works


def test_a_confirmation_link_is_no_unsubscribe_link_and_the_reverse(client, article):
    follower = known_commenter(article, email="sekejas@example.lt")
    PublicComment.objects.filter(pk=follower.pk).update(followup=True)
    post_comment(client, article, comment="Pirmas.")
    confirm_key = key_of(confirmation_links()[0])
    assert client.get(f"/lt/comments/mute/{confirm_key}/").status_code == 400

    client.get(f"/lt/comments/confirm/{confirm_key}/")
    (notification,) = [m for m in mail.outbox if m.to == ["sekejas@example.lt"]]
    mute_key = key_of(MUTE_LINK.search(notification.body).group(0))
    before = PublicComment.objects.count()
    assert client.get(f"/lt/comments/confirm/{mute_key}/").status_code == 400
    assert PublicComment.objects.count() == before
    assert PublicComment.objects.get(pk=follower.pk).followup


def test_an_expired_unsubscribe_link_is_refused(client, article):
    follower = known_commenter(article, email="sekejas@example.lt")
    PublicComment.objects.filter(pk=follower.pk).update(followup=True)
    post_comment(client, article, comment="Pirmas.")
    client.get(path_of(confirmation_links()[0]))
    (notification,) = [m for m in mail.outbox if m.to == ["sekejas@example.lt"]]
    link = path_of(MUTE_LINK.search(notification.body).group(0))
    later = time.time() + datetime.timedelta(days=400).total_seconds()
    with mock.patch("time.time", return_value=later):
        assert client.get(link).status_code == 400
    assert PublicComment.objects.get(pk=follower.pk).followup


# --- The links the site sends work ------------------------------------------------------


def test_a_confirmation_link_stores_its_comment_exactly_once(client, article):
    post_comment(client, article, comment="Tik kartą.")
    (link,) = confirmation_links()
    key = key_of(link)
    pending = signing.loads(key, salt="feedback.confirm", max_age=datetime.timedelta(days=7))
    assert pending["text"] == "Tik kartą." and pending["page"] == article.pk
    assert not PublicComment.objects.filter(comment="Tik kartą.").exists()

    first = client.get(path_of(link))
    second = client.get(path_of(link))
    comment = PublicComment.objects.get(comment="Tik kartą.")
    assert comment.status == PublicComment.Status.PUBLISHED
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/lt/comments/c/{comment.pk}/"


def test_follow_up_e_mails_carry_a_working_unsubscribe_link(client, article):
    post_comment(client, article, comment="Sekite mane.", followup=True)
    client.get(path_of(confirmation_links()[0]))
    follower = PublicComment.objects.get(comment="Sekite mane.")
    assert follower.followup

    known_commenter(article, email="kitas@example.lt")
    mail.outbox.clear()
    post_comment(client, article, email="kitas@example.lt", comment="Nauja mintis.")
    client.get(path_of(confirmation_links()[0]))
    (notification,) = [m for m in mail.outbox if m.to == ["ona@example.lt"]]
    assert "Nauja mintis." in notification.body
    link = MUTE_LINK.search(notification.body).group(0)
    assert signing.loads(key_of(link), salt="feedback.mute") == {
        "page": article.pk,
        "email": "ona@example.lt",
    }
    html = notification.alternatives[0][0]
    assert link in html

    response = client.get(path_of(link))
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert not PublicComment.objects.get(pk=follower.pk).followup

    mail.outbox.clear()
    known_commenter(article, email="trecias@example.lt")
    post_comment(client, article, email="trecias@example.lt", comment="Trečia mintis.")
    client.get(path_of(confirmation_links()[0]))
    assert not [m for m in mail.outbox if m.to == ["ona@example.lt"]]
