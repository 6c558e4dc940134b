"""Cross-site scripting: payloads in the comment, the name and the web address reach no
public page, admin page or e-mail as markup.

The whole corpus (tests/feedback/xss.py) is stored directly in the database and rendered by
every view and e-mail that shows a comment, and shown back in a refused form. A sample of
each kind is posted end to end, through the form, the confirmation e-mail and its link,
moderation and the same views: the posting flow passes the text on as it was typed.

E-mails are checked in their HTML part; their plain-text part is sent as text/plain, which
no mail client runs as markup, so it shows the text as typed.
"""

import pytest

from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from feedback import moderation
from feedback.digest import send_digest
from feedback.emails import send_confirmation_request
from feedback.forms import PublicCommentForm
from feedback.models import Disposition, PublicComment
from feedback.views import render_form
from tests.feedback.helpers import (
    comment_data,
    confirmation_links,
    make_comment,
    path_of,
    post_comment,
)
from tests.feedback.xss import (
    BASE,
    assert_safe_html,
    build_corpus,
    corpus_by_kind,
    sample,
    token_of,
)

PAYLOADS = build_corpus()
# About 20 payloads a field, of every kind; the web address takes every "web address" (the
# only kind that passes as one, so that some are stored and shown).
POSTED = {
    "comment": sample(per_kind=3),
    "name": sample(per_kind=3),
    "url": sample(per_kind=2, every_one_of=["web addresses"]),
}
pytestmark = [pytest.mark.django_db]


def html_parts(messages):
    parts = []
    for message in messages:
        assert message.content_subtype == "plain"  # the body is text/plain
        parts += [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return parts


def test_the_corpus_has_over_200_varied_payloads():
    assert len(PAYLOADS) >= 200
    assert len({token_of(payload) for payload in PAYLOADS}) == len(PAYLOADS)
    text = "\n".join(PAYLOADS).lower()
    for kind in (
        "<script",
        "onerror=",
        "onload=",
        "javascript:",
        "vbscript:",
        "data:text/html",
        "&lt;",
        "%3c",
        "\\u003c",
        "<svg",
        "<iframe",
        '"><',
    ):
        assert kind in text, kind
    assert any(not payload.rstrip().endswith(">") for payload in PAYLOADS)  # broken markup
    assert len(BASE) >= 90
    for field, payloads in POSTED.items():
        assert 15 <= len(payloads) <= 25, field
        for kind, corpus in corpus_by_kind().items():
            assert set(corpus) & set(payloads), (field, kind)


def check_public_and_admin_views(draft, stored, visitor, admin, what, payloads):
    """Every view that shows the stored comments: the admin queue and thread views, the
    page, the show-more fragment, the flag page and the reply form (a few of each kind of
    thread view when there are many comments)."""
    step = max(1, len(stored) // 15)
    queue = admin.get("/admin/comments/?status=held").content.decode()
    assert_safe_html(queue, payloads, f"{what}: the admin queue (held)")
    for page_number in range(1, len(stored) // 50 + 2):
        queue = admin.get(f"/admin/comments/?status=published&p={page_number}").content.decode()
        assert_safe_html(queue, payloads, f"{what}: the admin queue, page {page_number}")
    for comment in stored[::step]:
        thread = admin.get(f"/admin/comments/{comment.pk}/").content.decode()
        assert_safe_html(thread, payloads, f"{what}: the thread view")
    html = visitor.get(draft.url + "?comments=1000").content.decode()
    assert html.count('class="comment__text"') >= len(stored) // 2
    assert_safe_html(html, payloads, f"{what}: the public page")
    fragment = visitor.get(f"/lt/comments/threads/{draft.pk}/?offset=0").content.decode()
    assert_safe_html(fragment, payloads, f"{what}: the show-more fragment")
    for comment in stored[1::step]:
        if comment.status != PublicComment.Status.PUBLISHED:
            continue
        flag = visitor.get(f"/lt/comments/c/{comment.pk}/flag/").content.decode()
        assert_safe_html(flag, payloads, f"{what}: the flag page")
        reply = visitor.get(f"/lt/comments/form/{draft.pk}/?reply_to={comment.pk}").content
        assert_safe_html(reply.decode(), payloads, f"{what}: the reply form")


def publish_most(stored, moderator):
    """Publish the comments (every seventh stays held, for the queue and the digest);
    a sample through moderation.approve(), so that follow-up e-mails are sent."""
    held = stored[::7]
    sample = [comment for comment in stored[3::10] if comment not in held]
    rest = [comment.pk for comment in stored if comment not in held and comment not in sample]
    PublicComment.objects.filter(pk__in=rest).update(
        status=PublicComment.Status.PUBLISHED, is_public=True
    )
    mail.outbox.clear()
    moderation.approve(sample, moderator)
    for comment in stored:
        comment.refresh_from_db()
    return html_parts(mail.outbox)


def digest():
    mail.outbox.clear()
    send_digest(["moderatoriai@example.lt"])
    assert mail.outbox
    return "".join(html_parts(mail.outbox))


@pytest.mark.parametrize("field", ["comment", "name", "url"])
def test_payloads_posted_reach_no_page_admin_view_or_email_as_markup(
    field, draft, moderator, settings
):
    settings.FEEDBACK_RATE_LIMIT = None
    settings.FEEDBACK_MAX_LINKS = 1000
    payloads = POSTED[field]
    visitor = Client()
    admin = Client()
    admin.force_login(moderator)
    section = draft.comment_sections()[0]
    make_comment(draft, user_email="sekejas@example.lt", followup=True, comment="Sekėjas.")

    accepted = 0
    for number, payload in enumerate(payloads):
        fields = {
            "comment": f"Komentaras {number}.",
            "name": f"Vardas {number}",
            "email": f"rasytojas{number % 7}@example.lt",
            "section": section.id if number % 2 else "",
        }
        fields[field] = payload
        response = post_comment(visitor, draft, **fields)
        assert_safe_html(response.content.decode(), [payload], f"{field} {number}: the form")
        if response.status_code == 400:  # refused, and shown back
            continue
        assert response.status_code == 302, (field, number)
        accepted += 1
    assert accepted >= 5, f"{field}: only {accepted} payloads accepted, too few to show"
    messages = list(mail.outbox)
    assert len(messages) == accepted
    assert_safe_html("".join(html_parts(messages)), payloads, f"{field}: confirmation e-mails")

    for link in confirmation_links(messages):
        response = visitor.get(path_of(link))
        assert_safe_html(response.content.decode(), payloads, f"{field}: the confirmation page")
    stored = list(PublicComment.objects.filter(user_email__startswith="rasytojas"))
    assert len(stored) == accepted

    followups = publish_most(stored, moderator)
    assert_safe_html("".join(followups), payloads, f"{field}: follow-up e-mails")
    check_public_and_admin_views(draft, stored, visitor, admin, field, payloads)
    assert_safe_html(digest(), payloads, f"{field}: the digest")


def as_stored(payload):
    """The fields that hold a payload, each cut to its length (PostgreSQL stores no NUL;
    the form drops it)."""
    payload = payload.replace("\x00", "")
    return {
        "user_name": payload[:50],
        "user_url": payload[:200],
        "section_title": payload[:255],
        "comment": payload,
    }


def stored_payloads():
    """Every payload, and each stored cut of one that still carries its token (so that a cut
    name shown verbatim is caught too)."""
    cuts = {value for payload in PAYLOADS for value in as_stored(payload).values()}
    return PAYLOADS + sorted(cut for cut in cuts - set(PAYLOADS) if has_token(cut))


def has_token(text):
    try:
        token_of(text)
    except ValueError:
        return False
    return True


def test_stored_payloads_in_every_field_are_escaped_everywhere(draft, moderator, client):
    """Every payload of the corpus, stored directly in the name, web address, comment,
    section title, hold reason and disposition (as an import or an older version of the form
    could have stored it), is escaped by every view and e-mail that shows a comment."""
    payloads = stored_payloads()
    admin = Client()
    admin.force_login(moderator)
    section = draft.comment_sections()[0]
    make_comment(draft, user_email="sekejas@example.lt", followup=True, comment="Sekėjas.")
    stored = []
    for number, payload in enumerate(PAYLOADS):
        fields = as_stored(payload)
        stored.append(
            make_comment(
                draft,
                status=PublicComment.Status.HELD,
                user_email=f"tiesiogiai{number}@example.lt",
                section_id=section.id if number % 2 else "",
                held_reasons=[{"rule": "blocked_word", "detail": fields["comment"]}],
                **fields,
            )
        )

    # The confirmation e-mail, as the posting flow sends it for each comment.
    mail.outbox.clear()
    with translation.override("lt"):
        for comment in stored:
            pending = {
                "name": comment.user_name,
                "email": comment.user_email,
                "text": comment.comment,
            }
            send_confirmation_request(draft, pending, "raktas")
    assert len(mail.outbox) == len(stored)
    assert_safe_html("".join(html_parts(mail.outbox)), payloads, "stored: confirmation e-mails")

    followups = publish_most(stored, moderator)
    assert_safe_html("".join(followups), payloads, "stored: follow-up e-mails")
    for comment in stored[1::9]:
        Disposition.objects.create(comment=comment, outcome="accepted", reason=comment.comment)
    check_public_and_admin_views(draft, stored, client, admin, "stored", payloads)
    html = client.get(draft.url).content.decode()
    assert 'id="you-said-we-did"' in html
    assert_safe_html(digest(), payloads, "stored: the digest")


def test_every_payload_shown_back_in_a_refused_form_is_escaped(draft, rf):
    """The form the posting view shows back when it refuses a comment (here: no e-mail
    address), with the payload in the name, the comment and the web address."""
    for payload in PAYLOADS:
        data = comment_data(draft, name=payload, email="", comment=payload, url=payload)
        form = PublicCommentForm(draft, data=data)
        assert not form.is_valid()
        request = rf.post("/lt/comments/post/", data, headers={"X-Requested-With": "fetch"})
        with translation.override("lt"):
            response = render_form(request, draft, form, status=400)
        html = response.content.decode()
        assert html.count(escape(payload)) == 3, payload  # shown back, escaped, in each field
        assert_safe_html(html, [payload], "the refused form")


def test_the_checker_catches_unescaped_markup():
    from tests.feedback.xss import UnsafeMarkup

    payload = next(p for p in PAYLOADS if p.startswith("<img src=x onerror=alert('"))
    with pytest.raises(UnsafeMarkup):
        assert_safe_html(f"<p>{payload}</p>", [payload])
    with pytest.raises(UnsafeMarkup):
        assert_safe_html('<a href="javascript:alert(1)">x</a>', [payload])
    with pytest.raises(UnsafeMarkup):
        assert_safe_html(f'<input value="" onfocus="{token_of(payload)}">', [payload])
    from django.utils.html import escape

    assert_safe_html(f"<p>{escape(payload)}</p>", [payload])
