"""Cross-site scripting: a corpus of payloads posted in the comment, the name and the web
address reaches no public page, admin page or e-mail as markup.

E-mails are checked in their HTML part; their plain-text part is sent as text/plain, which
no mail client runs as markup, so it shows the text as typed.
"""

import pytest

from django.core import mail
from django.test import Client

from feedback import moderation
from feedback.digest import send_digest
from feedback.models import Disposition, PublicComment
from tests.feedback.helpers import confirmation_links, make_comment, path_of, post_comment
from tests.feedback.xss import BASE, assert_safe_html, build_corpus, token_of

PAYLOADS = build_corpus()
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


def check_public_and_admin_views(draft, stored, visitor, admin, what):
    queue = admin.get("/admin/comments/?status=held").content.decode()
    assert_safe_html(queue, PAYLOADS, f"{what}: the admin queue (held)")
    for page_number in range(1, len(stored) // 50 + 2):
        queue = admin.get(f"/admin/comments/?status=published&p={page_number}").content.decode()
        assert_safe_html(queue, PAYLOADS, f"{what}: the admin queue, page {page_number}")
    for comment in stored[::20]:
        thread = admin.get(f"/admin/comments/{comment.pk}/").content.decode()
        assert_safe_html(thread, PAYLOADS, f"{what}: the thread view")
    html = visitor.get(draft.url + "?comments=1000").content.decode()
    assert html.count('class="comment__text"') >= len(stored) // 2
    assert_safe_html(html, PAYLOADS, f"{what}: the public page")
    fragment = visitor.get(f"/lt/comments/threads/{draft.pk}/?offset=0").content.decode()
    assert_safe_html(fragment, PAYLOADS, f"{what}: the show-more fragment")
    for comment in stored[::30]:
        if comment.status != PublicComment.Status.PUBLISHED:
            continue
        flag = visitor.get(f"/lt/comments/c/{comment.pk}/flag/").content.decode()
        assert_safe_html(flag, PAYLOADS, f"{what}: the flag page")
        reply = visitor.get(f"/lt/comments/form/{draft.pk}/?reply_to={comment.pk}").content
        assert_safe_html(reply.decode(), PAYLOADS, f"{what}: the reply form")


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


@pytest.mark.parametrize("field", ["comment", "name", "url"])
def test_payloads_posted_reach_no_page_admin_view_or_email_as_markup(
    field, draft, moderator, settings
):
    settings.FEEDBACK_RATE_LIMIT = None
    settings.FEEDBACK_MAX_LINKS = 1000
    visitor = Client()
    admin = Client()
    admin.force_login(moderator)
    section = draft.comment_sections()[0]
    make_comment(draft, user_email="sekejas@example.lt", followup=True, comment="Sekėjas.")

    refused = accepted = 0
    for number, payload in enumerate(PAYLOADS):
        fields = {
            "comment": f"Komentaras {number}.",
            "name": f"Vardas {number}",
            "email": f"rasytojas{number % 7}@example.lt",
            "section": section.id if number % 2 else "",
        }
        fields[field] = payload
        response = post_comment(visitor, draft, **fields)
        assert_safe_html(response.content.decode(), [payload], f"{field} {number}: the form")
        if response.status_code == 400:
            refused += 1
            continue
        assert response.status_code == 302, (field, number)
        accepted += 1
    messages = list(mail.outbox)
    assert len(messages) == accepted
    assert_safe_html("".join(html_parts(messages)), PAYLOADS, f"{field}: confirmation e-mails")
    print(f"\n{field}: {accepted} accepted, {refused} refused (and shown back safely)")

    for link in confirmation_links(messages):
        response = visitor.get(path_of(link))
        assert_safe_html(response.content.decode(), PAYLOADS, f"{field}: the confirmation page")
    stored = list(PublicComment.objects.filter(user_email__startswith="rasytojas"))
    assert len(stored) == accepted
    if not stored:  # every payload was refused (web addresses): nothing else to show
        return

    followups = publish_most(stored, moderator)
    assert_safe_html("".join(followups), PAYLOADS, f"{field}: follow-up e-mails")
    check_public_and_admin_views(draft, stored, visitor, admin, field)
    mail.outbox.clear()
    send_digest(["moderatoriai@example.lt"])
    assert_safe_html("".join(html_parts(mail.outbox)), PAYLOADS, f"{field}: the digest")


def test_stored_payloads_in_every_field_are_escaped_everywhere(draft, moderator, client):
    """Comments that reached the database some other way (an import, an older version of the
    form) are escaped on output too: every payload in the name, web address, comment,
    section title, hold reason and disposition."""
    admin = Client()
    admin.force_login(moderator)
    section = draft.comment_sections()[0]
    make_comment(draft, user_email="sekejas@example.lt", followup=True, comment="Sekėjas.")
    stored = []
    for number, payload in enumerate(PAYLOADS):
        payload = payload.replace("\x00", "")  # PostgreSQL stores no NUL (the form drops it)
        stored.append(
            make_comment(
                draft,
                status=PublicComment.Status.HELD,
                user_name=payload[:50],
                user_email=f"tiesiogiai{number}@example.lt",
                user_url=payload[:200],
                comment=payload,
                section_id=section.id if number % 2 else "",
                section_title=payload[:255],
                held_reasons=[{"rule": "blocked_word", "detail": payload}],
            )
        )
    followups = publish_most(stored, moderator)
    assert_safe_html("".join(followups), PAYLOADS, "stored: follow-up e-mails")
    for comment in stored[1::9]:
        Disposition.objects.create(comment=comment, outcome="accepted", reason=comment.comment)
    check_public_and_admin_views(draft, stored, client, admin, "stored")
    html = client.get(draft.url).content.decode()
    assert 'id="you-said-we-did"' in html
    mail.outbox.clear()
    send_digest(["moderatoriai@example.lt"])
    assert mail.outbox
    assert_safe_html("".join(html_parts(mail.outbox)), PAYLOADS, "stored: the digest")


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
