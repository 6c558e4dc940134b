"""The markup of the comment list (feedback/includes/comment.html): a comment in full,
placeholders, official answers, dispositions, the links each comment gets, escaping, and
dates in the reader's language."""

import datetime

import pytest

from feedback.models import Disposition, PublicComment
from tests.feedback.helpers import make_comment

Status = PublicComment.Status


@pytest.fixture
def site_tree(bilingual_site):
    """Both languages for every test of this module (one of them needs the English pages), so
    that they share one site, built once (tests/conftest.py, ``module_transaction``)."""
    return bilingual_site


# 2024-05-28 09:15:07.002468 in Vilnius (summer time, UTC+3).
SUBMITTED = datetime.datetime(2024, 5, 28, 6, 15, 7, 2468, tzinfo=datetime.UTC)


def comment_box(html, comment):
    """The ``<article>`` of one comment."""
    start = html.index(f'<article class="comment__box" id="c{comment.pk}"')
    return html[start : html.index("</article>", start) + len("</article>")]


@pytest.mark.django_db
def test_a_thread_in_full(client, article):
    root = make_comment(
        article,
        user_name="Ona",
        user_url="https://ona.example.lt/",
        comment="Pirma eilutė\nantra.\n\nKita pastraipa.",
        submit_date=SUBMITTED,
    )
    answer = make_comment(
        article, parent=root, is_official=True, comment="Atsakome.", submit_date=SUBMITTED
    )
    html = client.get(article.url).content.decode()
    form = f"/lt/comments/form/{article.pk}/?reply_to="
    expected = f"""<li class="comment" id="thread-1">
    <article class="comment__box" id="c{root.pk}" tabindex="-1">
        
        <header class="comment__header">
            <p class="comment__author"><a href="https://ona.example.lt/" rel="nofollow ugc noopener noreferrer">Ona</a></p>
            <p class="meta"><a class="comment__permalink" href="/lt/comments/c/{root.pk}/" title="Nuolatinė šio komentaro nuoroda"><time datetime="2024-05-28T09:15:07.002468+03:00">2024 m. gegužės 28 d., 09:15</time></a></p>
            
        </header>
        <div class="comment__text"><p>Pirma eilutė<br>antra.</p>

<p>Kita pastraipa.</p></div>
        
        <ul class="comment__actions inline-list">
            <li><a href="{form}{root.pk}" data-comment-form-link rel="nofollow">Atsakyti<span class="visually-hidden"> (Ona)</span></a></li>
            <li><a href="/lt/comments/c/{root.pk}/flag/" rel="nofollow">Pranešti</a></li>
        </ul>
        <div data-comment-form-target></div>
        
    </article>
    <ol class="comment-list comment-list--replies"><li class="comment comment--official">
    <article class="comment__box" id="c{answer.pk}" tabindex="-1">
        
        <header class="comment__header">
            <p class="comment__author">Alytaus miesto savivaldybė <span class="badge badge--official">Oficialus savivaldybės atsakymas</span></p>
            <p class="meta"><a class="comment__permalink" href="/lt/comments/c/{answer.pk}/" title="Nuolatinė šio komentaro nuoroda"><time datetime="2024-05-28T09:15:07.002468+03:00">2024 m. gegužės 28 d., 09:15</time></a></p>
            
        </header>
        <div class="comment__text"><p>Atsakome.</p></div>
        
        <ul class="comment__actions inline-list">
            <li><a href="{form}{answer.pk}" data-comment-form-link rel="nofollow">Atsakyti<span class="visually-hidden"> (Alytaus miesto savivaldybė)</span></a></li>
            
        </ul>
        <div data-comment-form-target></div>
        
    </article>
    
</li>
</ol>
</li>
"""  # noqa: E501, W293 (the page's markup as it is, whitespace included)
    assert expected in html


@pytest.mark.django_db
def test_removed_and_hidden_comments_above_a_reply_leave_a_placeholder(client, article):
    removed = make_comment(article, status=Status.REMOVED, comment="Pašalintas tekstas.")
    make_comment(article, parent=removed, comment="Atsakymas į pašalintą.")
    held = make_comment(article, status=Status.HELD, comment="Laukiantis tekstas.")
    make_comment(article, parent=held, comment="Atsakymas į laukiantį.")
    lonely = make_comment(article, status=Status.FLAGGED, comment="Vienišas.")
    html = client.get(article.url).content.decode()
    assert "Pašalintas tekstas." not in html and "Laukiantis tekstas." not in html
    assert f'id="c{lonely.pk}"' not in html  # no published reply below it: not listed
    assert '<p class="comment__placeholder">Moderatorius šį komentarą pašalino.</p>' in comment_box(
        html, removed
    )
    assert (
        '<p class="comment__placeholder">Komentaras paslėptas, kol jį peržiūri moderatorius.</p>'
        in comment_box(html, held)
    )
    assert "Atsakymas į pašalintą." in html and "Atsakymas į laukiantį." in html
    assert html.count("comment--placeholder") == 2
    assert f"/lt/comments/c/{removed.pk}/flag/" not in html  # no links on a placeholder


@pytest.mark.django_db
def test_a_disposition_shows_its_outcome_and_reason(client, draft):
    comment = make_comment(draft, comment="Siūlau dviračių taką.")
    Disposition.objects.create(comment=comment, outcome="partly", reason="Iš dalies <b>&</b>.")
    html = client.get(draft.url).content.decode()
    assert (
        '<p class="comment__disposition"><span class="badge badge--outcome-partly">'
        "Iš dalies priimta</span> Iš dalies &lt;b&gt;&amp;&lt;/b&gt;.</p>"
    ) in comment_box(html, comment)


@pytest.mark.django_db
def test_a_comment_on_a_section_names_it_and_its_version(client, draft):
    first = draft.comment_sections()[0]
    comment = make_comment(
        draft,
        section_id=first.id,
        section_title=first.title,
        revision_id=draft.live_revision_id,
    )
    reply = make_comment(draft, parent=comment)
    gone = make_comment(draft, section_id="nebera", section_title="Senas <skyrius>")
    html = client.get(draft.url).content.decode()
    version = draft.version_label
    assert (
        f'\n                · Apie skyrių <a href="#section-{first.id}">1. {first.title}</a>, '
        f"versija {version}</p>"
    ) in comment_box(html, comment)
    assert "Apie skyrių" not in comment_box(html, reply)  # replies do not repeat it
    assert "· Apie skyrių „Senas &lt;skyrius&gt;“</p>" in comment_box(html, gone)


@pytest.mark.django_db
def test_no_reply_link_at_the_deepest_level_or_once_comments_close(client, article):
    root = make_comment(article)
    reply = make_comment(article, parent=root)
    deepest = make_comment(article, parent=reply)
    html = client.get(article.url).content.decode()
    assert "?reply_to=" in comment_box(html, reply)
    assert "?reply_to=" not in comment_box(html, deepest)
    assert f"/lt/comments/c/{deepest.pk}/flag/" in comment_box(html, deepest)

    article.comments_open = False
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "?reply_to=" not in html
    assert f"/lt/comments/c/{root.pk}/flag/" in html


@pytest.mark.django_db
def test_what_commenters_write_is_escaped_and_only_http_links_are_linked(client, article):
    linked = make_comment(
        article,
        user_name='<b>Ona</b> & "Co"',
        user_url="https://example.lt/?a=1&b=<2>",
        comment="<script>alert(1)</script>",
    )
    unlinked = make_comment(
        article, user_name="Jonas", user_url="javascript:alert(1)", comment="Tekstas."
    )
    html = client.get(article.url).content.decode()
    box = comment_box(html, linked)
    assert (
        '<a href="https://example.lt/?a=1&amp;b=&lt;2&gt;" rel="nofollow ugc noopener '
        'noreferrer">&lt;b&gt;Ona&lt;/b&gt; &amp; &quot;Co&quot;</a>'
    ) in box
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in box
    assert "(&lt;b&gt;Ona&lt;/b&gt; &amp; &quot;Co&quot;)</span>" in box
    assert "<script>alert" not in html
    assert '<p class="comment__author">Jonas</p>' in comment_box(html, unlinked)
    assert "javascript:" not in html


@pytest.mark.django_db
def test_the_english_page_shows_the_list_in_english(client, site_tree):
    article = site_tree.en["article"]
    article.save_revision().publish()
    comment = make_comment(article, user_name="Ann", submit_date=SUBMITTED)
    html = client.get(article.url).content.decode()
    box = comment_box(html, comment)
    assert 'title="Permanent link to this comment"' in box
    assert '<time datetime="2024-05-28T09:15:07.002468+03:00">May 28, 2024, 09:15</time>' in box
    assert '>Reply<span class="visually-hidden"> to Ann</span></a>' in box
    assert ">Report</a>" in box
