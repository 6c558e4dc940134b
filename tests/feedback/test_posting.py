"""Posting a comment: e-mail confirmation (feedback.views and feedback.pending), the rules
that hold a comment, what is refused, threads, sections and follow-up notifications."""

import datetime
import time
from unittest import mock

import pytest
from django_comments_xtd.models import BlackListedDomain

from django.core import mail
from django.utils import timezone

from feedback.models import BlockedWord, PublicComment
from tests.feedback.helpers import (
    MUTE_LINK,
    confirmation_links,
    make_comment,
    path_of,
    post_and_confirm,
    post_comment,
)

Status = PublicComment.Status
pytestmark = pytest.mark.django_db


def known_commenter(page, email="ona@example.lt"):
    """An address that already has a published comment (so the first-comment rule is met)."""
    return make_comment(page, user_email=email, user_name="Ona")


# --- Confirmation --------------------------------------------------------------------


def test_a_comment_is_stored_only_when_the_emailed_link_is_opened(client, article):
    response = post_comment(client, article, comment="Puiki naujiena.")
    assert response.status_code == 302
    assert response["Location"] == f"/lt/comments/sent/?page={article.pk}"
    assert PublicComment.objects.count() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ona@example.lt"]
    assert "Puiki naujiena." in message.body

    response = client.get(response["Location"])
    assert response.status_code == 200

    response = client.get(path_of(confirmation_links()[0]))
    comment = PublicComment.objects.get()
    assert comment.comment == "Puiki naujiena."
    assert comment.user_name == "Ona Alytiškė"
    assert comment.ip_address == "127.0.0.1"
    # The first comment from an address waits for a moderator.
    assert comment.status == Status.HELD
    assert response.status_code == 200
    assert "moderat" in response.content.decode().lower()


def test_opening_the_link_twice_stores_the_comment_once(client, article):
    known_commenter(article)
    post_comment(client, article)
    link = path_of(confirmation_links()[0])
    first = client.get(link)
    second = client.get(link)
    assert PublicComment.objects.filter(comment="Gera mintis.").count() == 1
    comment = PublicComment.objects.get(comment="Gera mintis.")
    assert comment.status == Status.PUBLISHED
    assert first["Location"] == second["Location"] == f"/lt/comments/c/{comment.pk}/"
    page = client.get(first["Location"])
    assert page.status_code == 302
    assert page["Location"] == f"{article.url}?comment={comment.pk}#c{comment.pk}"


def test_a_damaged_or_expired_link_is_refused_readably(client, article):
    post_comment(client, article)
    link = path_of(confirmation_links()[0])
    response = client.get(link[:-10] + "xxxxxxxxx/")
    assert response.status_code == 400
    assert PublicComment.objects.count() == 0

    later = time.time() + datetime.timedelta(days=8).total_seconds()
    with mock.patch("time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 400
    assert PublicComment.objects.count() == 0


# --- Moderation rules -----------------------------------------------------------------


def test_a_known_address_without_links_is_published_at_once(client, article):
    known_commenter(article)
    comment, response = post_and_confirm(client, article, comment="Dar viena mintis.")
    assert comment.status == Status.PUBLISHED
    assert comment.is_public
    assert response.status_code == 302


def test_rule_first_comment_from_an_address_is_held(client, article):
    comment, _ = post_and_confirm(client, article, email="nauja@example.lt")
    assert comment.status == Status.HELD
    assert not comment.is_public
    assert comment.held_reasons == [{"rule": "first_comment"}]
    # The address is matched ignoring case.
    known_commenter(article, email="Kita@Example.lt")
    comment, _ = post_and_confirm(client, article, email="kita@example.LT", comment="Kitas.")
    assert comment.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "text",
    [
        "Žr. https://example.com/planas",
        "Žr. http://example.com",
        "Užeikite į www.example.com",
        "Parašykite alytus-info.lt puslapyje",
        '<a href="/kita">čia</a>',
    ],
)
def test_rule_a_link_in_the_comment_holds_it(client, article, text):
    known_commenter(article)
    comment, _ = post_and_confirm(client, article, comment=text)
    assert comment.status == Status.HELD
    assert {"rule": "link"} in comment.held_reasons


def test_rule_a_website_in_the_form_holds_the_comment(client, article):
    known_commenter(article)
    comment, _ = post_and_confirm(client, article, url="https://example.com/")
    assert comment.status == Status.HELD
    assert comment.held_reasons == [{"rule": "link"}]


def test_rule_words_of_the_block_list_hold_a_comment(client, article):
    known_commenter(article)
    BlockedWord.objects.create(word="kvailys")
    BlockedWord.objects.create(word="pirk dabar")
    comment, _ = post_and_confirm(client, article, comment="Tas KVAILYS vėl rašo.")
    assert comment.status == Status.HELD
    assert comment.held_reasons == [{"rule": "blocked_word", "detail": "kvailys"}]
    comment, _ = post_and_confirm(client, article, comment="Pirk   dabar pigiai")
    assert comment.held_reasons == [{"rule": "blocked_word", "detail": "pirk dabar"}]
    # Whole words only: "kvailystė" is not "kvailys".
    comment, _ = post_and_confirm(client, article, comment="Tai kvailystė, bet pasiūlymas geras.")
    assert comment.status == Status.PUBLISHED
    # The block list is checked in the name too.
    comment, _ = post_and_confirm(client, article, name="Kvailys", comment="Vardas.")
    assert comment.status == Status.HELD


def test_rule_an_address_marked_as_spam_is_held(client, article):
    known_commenter(article, email="spam@example.lt")
    make_comment(article, user_email="spam@example.lt", status=Status.SPAM)
    comment, _ = post_and_confirm(client, article, email="spam@example.lt")
    assert comment.held_reasons == [{"rule": "spam_before"}]


def test_a_blacklisted_domain_is_discarded_on_confirmation(client, article):
    BlackListedDomain.objects.create(domain="spamdomain.example")
    post_comment(client, article, email="bot@spamdomain.example")
    response = client.get(path_of(confirmation_links()[0]))
    assert response.status_code == 200
    assert PublicComment.objects.count() == 0


def test_the_rules_do_not_apply_to_moderators_posting_on_the_site(client, article, moderator):
    client.force_login(moderator)
    response = post_comment(client, article, comment="Žr. https://alytus.lt")
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert comment.status == Status.PUBLISHED  # signed-in: no e-mail round trip
    assert len(mail.outbox) == 0


# --- Refused comments keep what the user typed ------------------------------------------


def test_too_many_links_are_refused_with_the_text_kept(client, article):
    text = "a https://a.example b https://b.example c https://c.example d https://d.example"
    response = post_comment(client, article, comment=text, name="Petras")
    assert response.status_code == 400
    html = response.content.decode()
    assert "4" in html and 'role="alert"' in html
    assert text in html
    assert 'value="Petras"' in html
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("comment", "x" * 3001, 400),
        ("comment", "ok", 400),
        ("comment", "   ", 400),
        ("name", "", 400),
        ("name", "x" * 51, 400),
        ("email", "not-an-address", 400),
        ("url", "javascript:alert(1)", 400),
        ("url", "ftp://example.com/file", 400),
    ],
)
def test_invalid_fields_are_refused_with_the_reason(client, article, field, value, status):
    response = post_comment(client, article, **{field: value})
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="field__error"' in html
    assert 'aria-invalid="true"' in html
    assert len(mail.outbox) == 0
    # The form can be sent again: it carries a fresh timestamp and hash.
    assert 'name="security_hash"' in html and 'name="csrfmiddlewaretoken"' in html


def test_a_page_that_does_not_take_comments_is_refused(client, site_tree):
    response = post_comment(client, site_tree.lt["standard"])
    assert response.status_code == 400


def test_closed_comments_replace_the_form_with_a_notice(client, article):
    article.comments_open = False
    article.save_revision().publish()
    response = client.get(article.url)
    html = response.content.decode()
    assert "comments__closed" in html
    assert "data-comment-form-link" not in html
    response = client.get(f"/lt/comments/form/{article.pk}/", HTTP_X_REQUESTED_WITH="fetch")
    assert "comments__closed" in response.content.decode()
    assert "<form" not in response.content.decode()
    response = post_comment(client, article, comment="Vis tiek rašau.")
    assert response.status_code == 403
    assert "Vis tiek rašau." in response.content.decode()
    assert len(mail.outbox) == 0


def test_a_plan_draft_closes_comments_when_the_consultation_ends(client, draft):
    assert draft.accepts_comments
    draft.consultation_closes = timezone.now() - datetime.timedelta(minutes=1)
    draft.consultation_opens = timezone.now() - datetime.timedelta(days=30)
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert not draft.accepts_comments
    html = client.get(draft.url).content.decode()
    assert "comments__closed" in html
    assert "Comment on this section" not in html and "Komentuoti šį skyrių" not in html
    response = post_comment(client, draft)
    assert response.status_code == 403
    assert len(mail.outbox) == 0


def test_a_plan_draft_without_a_consultation_window_takes_no_comments(draft):
    draft.consultation_opens = draft.consultation_closes = None
    assert not draft.accepts_comments


# --- Threads and sections ---------------------------------------------------------------


def test_replies_go_three_levels_deep(client, article):
    known_commenter(article)
    top, _ = post_and_confirm(client, article, comment="Pirmas lygis.")
    reply, _ = post_and_confirm(client, article, comment="Antras lygis.", reply_to=top.pk)
    deeper, _ = post_and_confirm(client, article, comment="Trečias lygis.", reply_to=reply.pk)
    assert (top.level, reply.level, deeper.level) == (0, 1, 2)
    assert deeper.thread_id == top.pk
    response = post_comment(client, article, comment="Ketvirtas lygis.", reply_to=deeper.pk)
    assert response.status_code == 400
    assert "Ketvirtas lygis." in response.content.decode()


def test_a_reply_to_a_held_comment_is_refused(client, article):
    held = make_comment(article, status=Status.HELD)
    response = post_comment(client, article, reply_to=held.pk)
    assert response.status_code == 400
    assert len(mail.outbox) == 0


def test_a_section_comment_keeps_the_section_and_the_draft_version(client, draft):
    known_commenter(draft)
    section = draft.comment_sections()[1]
    comment, _ = post_and_confirm(client, draft, section=section.id, comment="Apie skyrių.")
    assert comment.section_id == section.id
    assert comment.section_title == section.title
    assert comment.revision_id == draft.live_revision_id
    reply, _ = post_and_confirm(client, draft, reply_to=comment.pk, comment="Atsakau.")
    assert reply.section_id == section.id


def test_a_section_shows_its_comments_as_they_are_published(client, draft):
    section = draft.comment_sections()[1]

    def shown():
        html = client.get(draft.url).content.decode()
        start = html.index(f'id="section-{section.id}"')
        return html[start : html.index("</section>", start)]

    assert "0 komentarų apie šį skyrių" in shown()
    make_comment(draft, section_id=section.id)
    assert "1 komentaras apie šį skyrių" in shown()
    make_comment(draft, section_id=section.id, user_email="ona@example.lt")
    assert "2 komentarai apie šį skyrių" in shown()
    # The order the reader chose stays in the links to the section's comments.
    response = client.get(f"{draft.url}?order=oldest")
    assert f"?order=oldest&amp;section={section.id}#comments" in response.content.decode()


def test_an_unknown_section_is_refused(client, draft):
    response = post_comment(client, draft, section="not-a-section")
    assert response.status_code == 400
    assert len(mail.outbox) == 0


# --- Follow-up notifications ------------------------------------------------------------


def test_followers_are_told_of_new_comments_and_can_unsubscribe(client, article):
    known_commenter(article)
    first, _ = post_and_confirm(client, article, followup=True, comment="Sekite mane.")
    assert first.followup
    mail.outbox.clear()
    post_and_confirm(client, article, email="kitas@example.lt", comment="Nauja mintis.")
    # The second address is new: held, so nobody is told yet.
    assert [m.to for m in mail.outbox] == [["kitas@example.lt"]]

    known_commenter(article, email="trecias@example.lt")
    mail.outbox.clear()
    post_and_confirm(client, article, email="trecias@example.lt", comment="Trečia mintis.")
    notifications = [m for m in mail.outbox if m.to == ["ona@example.lt"]]
    assert len(notifications) == 1
    assert "Trečia mintis." in notifications[0].body
    mute = MUTE_LINK.search(notifications[0].body).group(0)

    response = client.get(path_of(mute))
    assert response.status_code == 200
    assert not PublicComment.objects.get(pk=first.pk).followup
    mail.outbox.clear()
    known_commenter(article, email="ketvirtas@example.lt")
    post_and_confirm(client, article, email="ketvirtas@example.lt", comment="Ketvirta.")
    assert not [m for m in mail.outbox if m.to == ["ona@example.lt"]]


def test_notifications_are_opt_in(client, article):
    known_commenter(article)
    first, _ = post_and_confirm(client, article, comment="Be pranešimų.")
    assert not first.followup


def test_a_consultation_that_has_not_opened_says_when_it_opens(client, draft):
    draft.consultation_opens = timezone.now() + datetime.timedelta(days=3)
    draft.consultation_closes = timezone.now() + datetime.timedelta(days=30)
    draft.save_revision().publish()
    draft.refresh_from_db()
    availability = draft.comment_availability()
    assert not availability.is_open
    assert str(draft.consultation_opens.year) in str(availability.notice)
    assert "comments__closed" in client.get(draft.url).content.decode()
    assert post_comment(client, draft).status_code == 403
