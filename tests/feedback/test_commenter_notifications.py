"""A resident hears what becomes of their comment (feedback.moderation, feedback.emails): an
e-mail when it is published, when a moderator does not publish it (with the reason), and
when the municipality answers it or decides on it — once per event, in the page's language,
after the change is committed, each with a one-click unsubscribe link (RFC 8058), and with
the site's address for questions; nothing about a comment on a page the public cannot see."""

import email
import email.policy
import re
import time
from unittest import mock

import pytest

from django.core import mail
from django.db import transaction
from django.test import Client

from wagtail.models import PageViewRestriction

from feedback import links, moderation
from feedback.models import CommentNotificationOptOut, PublicComment
from home.models import SiteSettings
from tests.feedback.helpers import make_comment, path_of, post_and_confirm, post_comment

Status = PublicComment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def site_tree(bilingual_site):
    """Both languages for every test of this module (one of them needs the English pages), so
    that they share one site, built once (tests/conftest.py, ``module_transaction``)."""
    return bilingual_site


QUESTIONS_TO = "strateginis.planas@alytus.lt"
STOP_LINK = re.compile(r"https?://[^\s\"'<>]+/comments/stop/[^\s\"'<>/]+/")
ANSWER = "Dviračių takas bus nutiestas 2026 m."


@pytest.fixture(autouse=True)
def questions_address(request):
    """The site with an address for questions."""
    request.getfixturevalue("site_tree")
    SiteSettings.objects.update(reply_to_email=QUESTIONS_TO)


@pytest.fixture(autouse=True)
def requests_commit(monkeypatch, django_capture_on_commit_callbacks):
    """Each request of the test client ends as in production, where its transaction commits
    and what waits for the commit runs (the test's own transaction never commits)."""
    request = Client.request

    def request_and_commit(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", request_and_commit)


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def subjects(address):
    return [message.subject for message in to(address)]


def known_commenter(page, email="ona@example.lt"):
    """An address with a published comment: its next comment is published at once."""
    return make_comment(page, user_email=email, user_name="Ona", author_told_published=True)


def stop_link(message):
    return STOP_LINK.search(message.body).group(0)


def publish_notice(article):
    return f"Jūsų komentaras paskelbtas puslapyje „{article.title}“"


# --- Published ---------------------------------------------------------------------------


def test_a_comment_published_at_once_tells_its_author_once(client, article):
    known_commenter(article)
    comment, _ = post_and_confirm(client, article, comment="Reikia daugiau suoliukų parke.")
    assert comment.is_published
    assert subjects("ona@example.lt") == ["Patvirtinkite savo komentarą", publish_notice(article)]
    notice = to("ona@example.lt")[1]
    assert f"http://testserver/lt/comments/c/{comment.pk}/" in notice.body
    assert "Reikia daugiau suoliukų parke." in notice.body
    assert "Sveiki, Ona Alytiškė," in notice.body

    # The confirmation link opened again (a mail scanner, a double click) tells nothing more.
    confirm = re.search(r"/lt/comments/confirm/[^\s/]+/", to("ona@example.lt")[0].body).group(0)
    client.get(confirm)
    assert len(to("ona@example.lt")) == 2


def test_a_held_comment_tells_its_author_when_a_moderator_approves_it(moderator_client, article):
    comment, _ = post_and_confirm(Client(), article, email="naujas@example.lt", comment="Pirm.")
    assert comment.status == Status.HELD
    assert subjects("naujas@example.lt") == ["Patvirtinkite savo komentarą"]

    moderator_client.post(f"/admin/comments/{comment.pk}/approve/")
    assert subjects("naujas@example.lt")[1:] == [publish_notice(article)]
    assert f"http://testserver/lt/comments/c/{comment.pk}/" in to("naujas@example.lt")[1].body

    # Moderation repeated: the same event is not told twice.
    moderator_client.post(f"/admin/comments/{comment.pk}/remove/")
    moderator_client.post(f"/admin/comments/{comment.pk}/approve/")
    moderator_client.post("/admin/comments/bulk/", {"action": "approve", "ids": [comment.pk]})
    assert len(to("naujas@example.lt")) == 2


def test_an_english_page_tells_its_author_in_english(client, site_tree):
    page = site_tree.en["article"]
    page.save_revision().publish()
    page.refresh_from_db()
    make_comment(page, user_email="ona@example.lt", author_told_published=True)
    comment, _ = post_and_confirm(client, page, language="en", comment="Good idea.")
    notice = to("ona@example.lt")[-1]
    assert notice.subject == f"Your comment on “{page.title}” is published"
    assert f"http://testserver/en/comments/c/{comment.pk}/" in notice.body
    assert "/en/comments/stop/" in stop_link(notice)
    assert f"Questions? Reply to this e-mail or write to {QUESTIONS_TO}." in notice.body


def test_staff_commenting_signed_in_get_no_notice(moderator_client, moderator, article):
    post_comment(moderator_client, article, email=moderator.email, comment="Komentuoju.")
    assert PublicComment.objects.get(comment="Komentuoju.").is_published
    assert mail.outbox == []


# --- Not published -----------------------------------------------------------------------


def test_removing_a_held_comment_tells_its_author_the_reason(moderator_client, article):
    held = make_comment(
        article, status=Status.HELD, user_email="rasa@example.lt", user_name="Rasa",
        comment="Parduodu dviratį, skambinkite.",
    )  # fmt: skip
    response = moderator_client.post(
        f"/admin/comments/{held.pk}/remove/",
        {"removal_reason": "advertising", "removal_note": "Skelbimams skirta kita vieta."},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Status.REMOVED
    assert held.removal_reason == "advertising"

    [notice] = to("rasa@example.lt")
    assert notice.subject == f"Jūsų komentaras puslapyje „{article.title}“ nepaskelbtas"
    assert "Priežastis: reklama." in notice.body
    assert "Moderatoriaus paaiškinimas:\nSkelbimams skirta kita vieta." in notice.body
    assert "Parduodu dviratį, skambinkite." in notice.body  # the author keeps their text
    assert f"http://testserver{article.url}" in notice.body

    # Removed again, approved and removed: the rejection is not told twice, and removing a
    # comment that was published tells nothing.
    moderator_client.post(f"/admin/comments/{held.pk}/remove/", {"removal_reason": "off_topic"})
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    moderator_client.post(f"/admin/comments/{held.pk}/remove/", {"removal_reason": "off_topic"})
    assert subjects("rasa@example.lt")[1:] == [publish_notice(article)]


def test_a_removal_without_a_reason_still_tells_the_author(moderator_client, article):
    held = make_comment(article, status=Status.HELD, user_email="rasa@example.lt")
    moderator_client.post("/admin/comments/bulk/", {"action": "remove", "ids": [held.pk]})
    [notice] = to("rasa@example.lt")
    assert "nepaskelbtas" in notice.subject
    assert "Priežastis" not in notice.body


def test_spam_and_removed_published_comments_tell_nobody(moderator_client, article):
    spam = make_comment(article, status=Status.HELD, user_email="spam@example.lt")
    published = make_comment(article, user_email="ona@example.lt")
    moderator_client.post(f"/admin/comments/{spam.pk}/spam/")
    moderator_client.post(
        f"/admin/comments/{published.pk}/remove/", {"removal_reason": "off_topic"}
    )
    assert mail.outbox == []


def test_a_removal_reason_outside_the_list_is_refused_readably(moderator_client, article):
    held = make_comment(article, status=Status.HELD, user_email="rasa@example.lt")
    response = moderator_client.post(
        f"/admin/comments/{held.pk}/remove/", {"removal_reason": "nes-taip"}, follow=True
    )
    assert response.status_code == 200
    held.refresh_from_db()
    assert held.status == Status.HELD
    assert mail.outbox == []
    assert [str(m) for m in response.context["messages"]] == [
        "Nurodykite tinkamą reikšmę. nes-taip nėra galimas pasirinkimas."
    ]


def test_the_moderator_chooses_the_reason_in_the_thread_and_the_queue(moderator_client, article):
    held = make_comment(article, status=Status.HELD)
    for url in (f"/admin/comments/{held.pk}/", "/admin/comments/"):
        html = moderator_client.get(url, headers={"accept-language": "lt"}).content.decode()
        assert 'name="removal_reason"' in html and 'name="removal_note"' in html
        assert "Reklama" in html and "Pašalinimo priežastis" in html


# --- Official answers --------------------------------------------------------------------


def test_an_official_answer_tells_only_the_author_of_the_answered_comment(
    moderator_client, article
):
    root = make_comment(article, user_email="pradzia@example.lt", followup=True)
    question = make_comment(
        article, parent=root, user_email="klausia@example.lt", user_name="Jonas",
        comment="Kada bus dviračių takas?", followup=True,
    )  # fmt: skip
    make_comment(article, user_email="seka@example.lt", followup=True)

    moderator_client.post(f"/admin/comments/{question.pk}/answer/", {"text": ANSWER})
    answer = PublicComment.objects.get(is_official=True)

    [notice] = to("klausia@example.lt")  # no follow-up e-mail of the same answer besides
    assert notice.subject == (
        f"Alytaus miesto savivaldybė atsakė į jūsų komentarą puslapyje „{article.title}“"
    )
    assert ANSWER in notice.body
    assert "Kada bus dviračių takas?" in notice.body
    assert f"http://testserver/lt/comments/c/{answer.pk}/" in notice.body
    # The thread's other authors are told only as the page's followers, of a new comment.
    assert subjects("pradzia@example.lt") == ["Naujas komentaras"]
    assert subjects("seka@example.lt") == ["Naujas komentaras"]

    # A second answer is a new event.
    moderator_client.post(f"/admin/comments/{question.pk}/answer/", {"text": "Papildome."})
    assert len(to("klausia@example.lt")) == 2


def test_answering_a_held_comment_sends_its_author_one_e_mail(moderator_client, article):
    held = make_comment(article, status=Status.HELD, user_email="klausia@example.lt")
    moderator_client.post(f"/admin/comments/{held.pk}/answer/", {"text": ANSWER})
    held.refresh_from_db()
    assert held.is_published
    assert len(to("klausia@example.lt")) == 1
    assert "atsakė į jūsų komentarą" in to("klausia@example.lt")[0].subject
    moderator_client.post(f"/admin/comments/{held.pk}/remove/")
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    assert len(to("klausia@example.lt")) == 1


def test_a_decision_on_a_plan_draft_comment_tells_its_author(moderator_client, draft):
    comment = make_comment(
        draft, user_email="siulo@example.lt", user_name="Rasa",
        comment="Siūlau įrengti dviračių stovų prie mokyklų.",
    )  # fmt: skip
    other = make_comment(draft, user_email="kitas@example.lt", followup=True)
    url = f"/admin/comments/{comment.pk}/disposition/"
    decision = {"outcome": "partly", "reason": "Stovai numatyti prie dviejų mokyklų."}
    moderator_client.post(url, decision)

    [notice] = to("siulo@example.lt")
    assert notice.subject == (
        f"Alytaus miesto savivaldybė priėmė sprendimą dėl jūsų komentaro puslapyje „{draft.title}“"
    )
    assert "Sprendimas: iš dalies priimta." in notice.body
    assert "Motyvai:\n----------------\nStovai numatyti prie dviejų mokyklų." in notice.body
    assert "Siūlau įrengti dviračių stovų prie mokyklų." in notice.body
    assert f"http://testserver{draft.url}#you-said-we-did" in notice.body
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert to(other.user_email) == []

    moderator_client.post(url, decision)  # saved again unchanged: nothing new to tell
    assert len(to("siulo@example.lt")) == 1
    moderator_client.post(url, {**decision, "outcome": "accepted"})  # changed: told again
    assert "Sprendimas: priimta." in to("siulo@example.lt")[1].body


# --- Pages the public cannot see, transactions that do not commit --------------------------


def nothing_is_told(moderator_client, page):
    held = make_comment(page, status=Status.HELD, user_email="ona@example.lt")
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    moderator_client.post(f"/admin/comments/{held.pk}/answer/", {"text": ANSWER})
    rejected = make_comment(page, status=Status.HELD, user_email="ona@example.lt")
    moderator_client.post(f"/admin/comments/{rejected.pk}/remove/", {"removal_reason": "offensive"})
    assert PublicComment.objects.filter(is_official=True).exists()  # the moderation happened
    return to("ona@example.lt") == []


def test_nothing_is_told_about_a_comment_on_a_private_page(moderator_client, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="slaptas"
    )
    assert nothing_is_told(moderator_client, article)


def test_nothing_is_told_about_a_comment_on_an_unpublished_page(moderator_client, article):
    article.unpublish()
    assert nothing_is_told(moderator_client, article)


def test_a_moderation_rolled_back_tells_nobody(
    article, moderator, django_capture_on_commit_callbacks
):
    held = make_comment(article, status=Status.HELD, user_email="ona@example.lt")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        moderation.approve([held], moderator)
        assert mail.outbox == []  # not before the commit
        raise RuntimeError("the request failed after the approval")
    assert mail.outbox == []
    held.refresh_from_db()
    assert held.status == Status.HELD and not held.author_told_published


# --- Unsubscribing -----------------------------------------------------------------------


def a_notice(moderator_client, article, email="ona@example.lt"):
    held = make_comment(article, status=Status.HELD, user_email=email)
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    return to(email)[-1]


def nothing_more_is_sent(moderator_client, article, email="ona@example.lt"):
    before = len(mail.outbox)
    held = make_comment(article, status=Status.HELD, user_email=email)
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    rejected = make_comment(article, status=Status.HELD, user_email=email)
    moderator_client.post(f"/admin/comments/{rejected.pk}/remove/")
    moderator_client.post(f"/admin/comments/{held.pk}/answer/", {"text": ANSWER})
    return len(mail.outbox) == before


def test_every_notice_carries_one_click_unsubscribe_headers(moderator_client, article):
    notice = a_notice(moderator_client, article)
    url = stop_link(notice)
    assert url.startswith("http://testserver/lt/comments/stop/")
    assert notice.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = notice.alternatives[0].content
    assert f'href="{url}"' in html
    # As received: a long header is folded onto a line of its own (RFC 5322), which unfolds.
    received = email.message_from_bytes(notice.message().as_bytes(), policy=email.policy.default)
    assert received["List-Unsubscribe"].strip() == f"<{url}>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Reply-To"] == QUESTIONS_TO


def test_unsubscribing_asks_on_get_and_stops_on_post(moderator_client, article):
    url = path_of(stop_link(a_notice(moderator_client, article)))
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(url)  # a mail scanner opens every link: nothing changes
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nebegauti šių laiškų" in html and "ona@example.lt" in html
    assert not CommentNotificationOptOut.objects.exists()

    done = browser.post(url)  # the page's button
    assert done.status_code == 200
    assert "Nebesiųsime laiškų adresu ona@example.lt" in done.content.decode()
    assert CommentNotificationOptOut.has_stopped("ona@example.lt")
    assert "jau atsisakėte" in browser.get(url).content.decode()
    assert nothing_more_is_sent(moderator_client, article)


def test_a_mail_clients_one_click_post_stops_them(moderator_client, article):
    notice = a_notice(moderator_client, article, email="Ona@Example.lt")
    url = notice.extra_headers["List-Unsubscribe"].strip("<>")
    # RFC 8058: a POST of "List-Unsubscribe=One-Click", without cookies or a CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert CommentNotificationOptOut.has_stopped("ona@example.lt")
    assert nothing_more_is_sent(moderator_client, article, email="ona@example.lt")


def test_unsubscribing_leaves_the_page_follow_ups_alone(moderator_client, article):
    make_comment(article, user_email="ona@example.lt", followup=True, author_told_published=True)
    Client().post(path_of(stop_link(a_notice(moderator_client, article))))
    mail.outbox.clear()
    make_comment(article, user_email="kitas@example.lt", status=Status.HELD)
    moderator_client.post(f"/admin/comments/{PublicComment.objects.latest('pk').pk}/approve/")
    assert subjects("ona@example.lt") == ["Naujas komentaras"]


def test_forged_and_expired_unsubscribe_links_are_refused_readably(client, article):
    comment = make_comment(article, user_email="ona@example.lt")
    key = links.author_notices_key(comment.pk)
    forged = key[:-3] + ("AAA" if not key.endswith("AAA") else "BBB")
    for method in (client.get, client.post):
        response = method(f"/lt/comments/stop/{forged}/")
        assert response.status_code == 400
        assert "Nuoroda sugadinta arba nepilna" in response.content.decode()
    # Another comment's id in a link signed for something else (a page's follow-ups).
    response = client.post(f"/lt/comments/stop/{links.mute_key(comment.pk, 'x@example.lt')}/")
    assert response.status_code == 400

    with mock.patch("time.time", return_value=time.time() - 3 * 365 * 24 * 3600):
        expired = links.author_notices_key(comment.pk)
    response = client.post(f"/lt/comments/stop/{expired}/")
    assert response.status_code == 400
    assert "Ši atsisakymo nuoroda nebeveikia" in response.content.decode()
    assert not CommentNotificationOptOut.objects.exists()


def test_a_link_about_a_deleted_comment_says_so(client, article):
    comment = make_comment(article)
    key = links.author_notices_key(comment.pk)
    comment.delete()
    response = client.post(f"/lt/comments/stop/{key}/")
    assert response.status_code == 404
    assert "ištrintas" in response.content.decode()


# --- Where residents write with questions -------------------------------------------------


def questions_line(address):
    return f"Turite klausimų? Atsakykite į šį laišką arba rašykite el. paštu {address}."


def test_every_e_mail_to_residents_gives_the_address_for_questions(moderator_client, article):
    make_comment(article, user_email="seka@example.lt", followup=True)
    post_comment(Client(), article, email="naujas@example.lt")  # the confirmation request
    held = make_comment(article, status=Status.HELD, user_email="rasa@example.lt")
    moderator_client.post(f"/admin/comments/{held.pk}/approve/")  # published; a follow-up
    rejected = make_comment(article, status=Status.HELD, user_email="rasa@example.lt")
    moderator_client.post(f"/admin/comments/{rejected.pk}/remove/")
    moderator_client.post(f"/admin/comments/{held.pk}/answer/", {"text": ANSWER})

    kinds = {message.subject.split(" ")[0] for message in mail.outbox}
    assert kinds == {"Patvirtinkite", "Naujas", "Jūsų", "Alytaus"}
    assert len(mail.outbox) == 6
    for message in mail.outbox:
        assert message.reply_to == [QUESTIONS_TO]
        assert questions_line(QUESTIONS_TO) in message.body
        assert f'<a href="mailto:{QUESTIONS_TO}">' in message.alternatives[0].content
        assert "no-reply" not in message.body


def test_without_an_address_for_questions_the_site_e_mail_is_used(moderator_client, article):
    SiteSettings.objects.update(reply_to_email="")
    notice = a_notice(moderator_client, article)
    assert notice.reply_to == ["info@example.org"]
    assert questions_line("info@example.org") in notice.body


def test_a_no_reply_sender_is_never_given_as_where_to_write(settings, moderator_client, article):
    SiteSettings.objects.update(reply_to_email="", email="")
    settings.DEFAULT_FROM_EMAIL = "Strateginis planas <no-reply@alytus.lt>"
    notice = a_notice(moderator_client, article)
    assert notice.reply_to == []
    assert "Turite klausimų" not in notice.body and "no-reply" not in notice.body

    settings.DEFAULT_FROM_EMAIL = "Strateginis planas <planas@alytus.lt>"
    notice = a_notice(moderator_client, article, email="kitas@example.lt")
    assert notice.reply_to == ["planas@alytus.lt"]
    assert questions_line("planas@alytus.lt") in notice.body


# --- A mail server out of service ---------------------------------------------------------


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_notice_that_cannot_be_sent_does_not_fail_the_moderation(
    settings, moderator_client, article, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    held = make_comment(article, status=Status.HELD, user_email="rasa@example.lt")
    response = moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_published
    assert "The comment_published e-mail could not be sent" in caplog.text
    assert "rasa@example.lt" not in caplog.text
