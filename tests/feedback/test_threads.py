"""Comments as readers see them: threads, order, "show more", permalinks, sections and the
version a comment was written on, counts on listings, and the query budget."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.models import PublicComment
from feedback.threads import PageComments, comments_changed
from tests.factories import NewsArticlePageFactory
from tests.feedback.helpers import make_comment

Status = PublicComment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def site_tree(bilingual_site):
    """Both languages for every test of this module (one of them needs the English pages), so
    that they share one site, built once (tests/conftest.py, ``module_transaction``)."""
    return bilingual_site


def thread_texts(html):
    """The texts of the top-level comments, in page order."""
    return re.findall(
        r'id="thread-\d+">\s*<article[^>]*>.*?<div class="comment__text"><p>(.*?)</p>',
        html,
        flags=re.S,
    )


def test_threads_show_replies_in_order_with_permalinks(client, article):
    first = make_comment(article, comment="Pirmas.")
    reply = make_comment(article, parent=first, comment="Atsakymas į pirmą.")
    make_comment(article, parent=reply, comment="Trečias lygis.")
    make_comment(article, comment="Antras.")
    html = client.get(article.url).content.decode()
    assert thread_texts(html) == ["Pirmas.", "Antras."]
    assert html.index("Atsakymas į pirmą.") < html.index("Trečias lygis.") < html.index("Antras.")
    assert f'id="c{reply.pk}"' in html
    assert f'href="/lt/comments/c/{reply.pk}/"' in html
    assert "(4)" in html  # the count in the heading
    # Each "Reply" opens the form for a reply to its own comment.
    for comment in (first, reply):
        assert f'href="/lt/comments/form/{article.pk}/?reply_to={comment.pk}"' in html


def test_newest_or_oldest_first(client, article):
    for number in range(3):
        make_comment(article, comment=f"Komentaras {number}.")
    assert thread_texts(client.get(article.url).content.decode()) == [
        "Komentaras 0.",
        "Komentaras 1.",
        "Komentaras 2.",
    ]
    html = client.get(article.url + "?order=newest").content.decode()
    assert thread_texts(html) == ["Komentaras 2.", "Komentaras 1.", "Komentaras 0."]
    assert 'aria-current="true">' in html


def test_long_threads_are_paginated_with_show_more(client, article, settings):
    settings.FEEDBACK_THREADS_PER_PAGE = 3
    comments = [make_comment(article, comment=f"Gija {number}.") for number in range(7)]
    html = client.get(article.url).content.decode()
    assert thread_texts(html) == ["Gija 0.", "Gija 1.", "Gija 2."]
    assert "data-comment-more-link" in html
    assert "?comments=6#thread-4" in html  # without JavaScript: more threads, at the new one
    assert f'data-url="/lt/comments/threads/{article.pk}/?offset=3"' in html

    fragment = client.get(f"/lt/comments/threads/{article.pk}/?offset=3").content.decode()
    assert thread_texts(fragment) == ["Gija 3.", "Gija 4.", "Gija 5."]
    assert 'id="thread-4"' in fragment
    assert "?offset=6" in fragment
    last = client.get(f"/lt/comments/threads/{article.pk}/?offset=6").content.decode()
    assert thread_texts(last) == ["Gija 6."]
    assert "data-comment-more-link" not in last

    html = client.get(article.url + "?comments=6").content.decode()
    assert len(thread_texts(html)) == 6
    assert comments


def test_a_permalink_shows_the_thread_of_the_comment_even_beyond_the_first_threads(
    client, article, settings
):
    settings.FEEDBACK_THREADS_PER_PAGE = 2
    comments = [make_comment(article, comment=f"Gija {number}.") for number in range(5)]
    late_reply = make_comment(article, parent=comments[4], comment="Vėlyvas atsakymas.")
    response = client.get(f"/lt/comments/c/{late_reply.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?comment={late_reply.pk}#c{late_reply.pk}"
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Vėlyvas atsakymas." in html
    assert f'id="c{late_reply.pk}"' in html


def test_a_permalink_of_a_hidden_comment_leads_to_the_comments(client, article):
    held = make_comment(article, status=Status.HELD)
    response = client.get(f"/lt/comments/c/{held.pk}/")
    assert response["Location"] == f"{article.url}#comments"


def test_held_removed_and_spam_comments_are_not_shown(client, article):
    make_comment(article, comment="Matomas.")
    for status in (Status.HELD, Status.FLAGGED, Status.REMOVED, Status.SPAM):
        make_comment(article, status=status, comment=f"Nematomas {status}.")
    html = client.get(article.url).content.decode()
    assert "Matomas." in html and "Nematomas" not in html
    assert "(1)" in html


# --- Sections of a plan draft -------------------------------------------------------------


def test_each_section_shows_its_count_and_links(client, draft):
    first, second = draft.comment_sections()
    for _ in range(2):
        make_comment(draft, section_id=first.id, section_title=first.title)
    make_comment(draft, comment="Apie visą projektą.")
    html = client.get(draft.url).content.decode()
    section_html = html[
        html.index(f'id="section-{first.id}"') : html.index(f'id="section-{second.id}"')
    ]
    assert f"?section={first.id}#comments" in section_html
    assert re.search(r">2 [^<]*</a>", section_html)
    assert f"/lt/comments/form/{draft.pk}/?section={first.id}" in section_html

    filtered = client.get(f"{draft.url}?section={first.id}").content.decode()
    assert "Apie visą projektą." not in filtered
    assert len(thread_texts(filtered)) == 2


def test_a_comment_shows_its_version_and_when_its_section_changed_since(client, draft):
    first, second = draft.comment_sections()
    on_first = make_comment(
        draft,
        comment="Apie pirmą skyrių.",
        section_id=first.id,
        section_title=first.title,
        revision_id=draft.live_revision_id,
    )
    on_second = make_comment(
        draft,
        comment="Apie antrą skyrių.",
        section_id=second.id,
        section_title=second.title,
        revision_id=draft.live_revision_id,
    )
    html = client.get(draft.url).content.decode()
    assert "0.1" in html
    assert "comment__changed" not in html

    # Version 0.2 rewrites the first section only (same block ids).
    sections = draft.sections.raw_data
    sections[0]["value"]["body"] = [
        {
            "type": "paragraph",
            "value": "<p>Naujas tekstas.</p>",
            "id": "0f0f0f0f-1111-2222-3333-444444444444",
        }
    ]
    draft.sections = sections
    draft.version_label = "0.2"
    draft.save_revision().publish()
    draft.refresh_from_db()

    html = client.get(draft.url).content.decode()
    first_box = html[html.index(f'id="c{on_first.pk}"') :]
    first_box = first_box[: first_box.index("</article>")]
    second_box = html[html.index(f'id="c{on_second.pk}"') :]
    second_box = second_box[: second_box.index("</article>")]
    assert "comment__changed" in first_box
    assert "comment__changed" not in second_box
    assert "0.1" in first_box  # the version it was written on


def test_a_removed_section_is_noted(client, draft):
    first, _second = draft.comment_sections()
    comment = make_comment(
        draft, section_id=first.id, section_title=first.title, revision_id=draft.live_revision_id
    )
    draft.sections = draft.sections.raw_data[1:]
    draft.save_revision().publish()
    html = client.get(draft.url).content.decode()
    box = html[html.index(f'id="c{comment.pk}"') :]
    assert "comment__changed" in box[: box.index("</article>")]
    assert first.title in box[: box.index("</article>")]


# --- Listings ----------------------------------------------------------------------------


def test_listings_show_comment_counts_without_a_query_per_item(client, site_tree):
    news_index = site_tree.lt["news_index"]
    url = news_index.url

    def measure():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    article = site_tree.lt["article"]
    make_comment(article)
    small, html = measure()
    assert "1 " in html and "#comments" in html
    for number in range(8):
        other = NewsArticlePageFactory(parent=news_index, title=f"Naujiena {number}")
        for _ in range(number + 1):
            make_comment(other)
    large, html = measure()
    assert large == small
    assert re.search(r">8 [^<]*</a>", html)

    counts = {
        page.pk: page.comment_count
        for page in type(article).with_comment_counts(type(article).objects.all())
    }
    assert counts[article.pk] == 1


def test_the_plan_index_and_home_page_show_counts(client, draft, site_tree):
    make_comment(draft)
    make_comment(draft)
    make_comment(draft, status=Status.HELD)
    for url in (site_tree.lt["plan_index"].url, site_tree.lt["home"].url):
        html = client.get(url).content.decode()
        assert f'href="{draft.url}#comments"' in html
        assert re.search(r"#comments\">2 ", html)


# --- Query budget and render time ----------------------------------------------------------


def grow(page, total, sections=()):
    """``total`` published comments: threads of a comment, a reply and a reply to it."""
    made = PublicComment.objects.for_page(page).count()
    section_ids = [section.id for section in sections] or [""]
    while made < total:
        section = section_ids[made % len(section_ids)]
        root = make_comment(
            page,
            comment=f"Komentaras {made}.",
            section_id=section,
            revision_id=getattr(page, "live_revision_id", None),
        )
        made += 1
        parent = root
        for _level in (1, 2):
            if made >= total:
                break
            parent = make_comment(page, parent=parent, comment=f"Atsakymas {made}.")
            made += 1


def count_queries(client, url, page):
    """Queries of a request whose comment list is not in the cache (its fragment is)."""
    assert client.get(url).status_code == 200  # warm-up
    comments_changed([page])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), captured, response.content.decode()


@pytest.mark.parametrize("kind", ["article", "draft"])
def test_a_page_with_1_or_500_comments_costs_the_same_queries(client, site_tree, kind):
    if kind == "draft":
        page = site_tree.lt["draft"]
        page.save_revision().publish()
        page.refresh_from_db()
        sections = page.comment_sections()
    else:
        page = site_tree.lt["article"]
        sections = ()
    grow(page, 1, sections)
    one, _, html = count_queries(client, page.url, page)
    assert "Komentaras 0." in html
    grow(page, 500, sections)
    assert PublicComment.objects.for_page(page).count() == 500
    many, captured, html = count_queries(client, page.url, page)
    print(f"\n{kind}: {one} queries with 1 comment, {many} with 500")
    queries = "\n".join(query["sql"] for query in captured.captured_queries)
    assert many == one, queries
    assert many <= 15, f"a public page may cost at most 15 queries (issue 7):\n{queries}"
    assert "(500)" in html

    # All 500 on one page (?comments=500 shows every thread) costs the same too.
    every, _, html = count_queries(client, page.url + "?comments=500", page)
    assert every == one
    assert html.count('class="comment__text"') == 500


def test_comments_on_a_draft_translation_stay_with_their_language(client, site_tree):
    lithuanian = site_tree.lt["draft"]
    english = site_tree.en["draft"]
    make_comment(lithuanian, comment="Lietuviškas komentaras.")
    assert "Lietuviškas komentaras." not in client.get(english.url).content.decode()
    assert "Lietuviškas komentaras." in client.get(lithuanian.url).content.decode()


def test_editors_preview_pages_with_their_comments(rf, article, site_tree):
    from django.contrib.auth.models import AnonymousUser

    from news.models import NewsArticlePage

    make_comment(article, comment="Matomas peržiūroje.")
    request = rf.get(article.url)
    request.user = AnonymousUser()
    response = article.serve_preview(request, "")
    assert "Matomas peržiūroje." in response.render().content.decode()
    # A page not saved yet has no comments, and its preview still renders.
    new = NewsArticlePage(title="Nauja", intro="Įžanga", body="<p>Tekstas</p>")
    assert PageComments(new, request).total == 0
