"""The public approval trail of a plan draft, its published versions and their comparison.

What an anonymous visitor sees on the draft after the workflow has run: submitted, the
working-group review, the Consultative group's decision with the vote count and only the
comments members made public, the council steps an editor entered, the published versions,
and a section-by-section comparison of two of them.
"""

import datetime
import json
import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from approvals.rules import APPROVE, REJECT
from tests.approvals.helpers import (
    approve_task1,
    draft_form_data,
    edit_url,
    fresh,
    login,
    lt,
    new_draft,
    run_to_decision,
    section,
    submit,
    vote,
)
from tests.factories import CityDocumentFactory

pytestmark = pytest.mark.django_db

VOTES = (
    "Votes: %(approve)s for, %(reject)s against, %(abstain)s abstained (of %(members)s members)."
)


def votes_text(approve, reject, abstain=0, members=3):
    return lt(VOTES, approve=approve, reject=reject, abstain=abstain, members=members)


def trail_html(html):
    """The approval trail section of the page."""
    match = re.search(r'<section class="approval-trail".*?</section>', html, re.S)
    assert match, "the page has no approval trail"
    return match.group(0)


def public_page(client, page):
    cache.clear()
    response = client.get(fresh(page).url)
    assert response.status_code == 200
    return response.content.decode()


def rewrite(page, user, text):
    """A new version of the draft's one section (its block id kept, as the admin does)."""
    page = fresh(page)
    page.sections = json.dumps(
        [
            {
                "type": "section",
                "id": page.sections[0].id,
                "value": {
                    "heading": "Vizija",
                    "body": [{"type": "paragraph", "value": f"<p>{text}</p>"}],
                },
            }
        ]
    )
    return page.save_revision(user=user)


@pytest.fixture
def approved(lt_site, users):
    """A draft through a full run: against (public comment), for (private comment), for."""
    draft = new_draft(lt_site, sections=[section("Vizija", "Alytus žalias miestas.")])
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    vote(draft, users["reviewer1"], REJECT, "Trūksta rodiklių 2030 m.", is_public=True)
    vote(draft, users["reviewer2"], APPROVE, "Vidinė pastaba: ne viešai.", is_public=False)
    vote(draft, users["reviewer3"], APPROVE, "", is_public=True)
    assert fresh(draft).live
    return fresh(draft)


def test_the_trail_shows_each_step_with_the_vote_count(client, approved):
    trail = trail_html(public_page(client, approved))
    titles = [
        re.sub(r"\s+", " ", t).strip()
        for t in re.findall(r"<h3 class=\"timeline__title\">(.*?)</h3>", trail, re.S)
    ]
    assert titles == [
        lt("Submitted for approval"),
        f"{lt('Working-group review')}: {lt('approved')}",
        f"{lt('Consultative group decision')}: {lt('approved')}",
    ]
    assert re.findall(r'<p class="votes">(.*?)</p>', trail) == [votes_text(2, 1)]
    today = datetime.date.today().isoformat()
    assert trail.count(f'<time datetime="{today}') >= 3  # every step is dated


def test_only_public_comments_appear_and_no_reviewer_is_named(client, approved, users):
    html = public_page(client, approved)
    trail = trail_html(html)
    assert "Trūksta rodiklių 2030 m." in trail
    assert "Vidinė pastaba" not in html
    for username in ("reviewer1", "reviewer2", "reviewer3", "coordinator"):
        assert username not in html.lower()
        assert users[username].email not in html
    # A member's public comment is shown with their vote, without their name.
    assert lt("A member (%(vote)s):", vote=lt("Against")) in trail


def test_a_rejection_is_shown_as_sent_back(client, lt_site, users):
    draft = new_draft(lt_site)
    draft.save_revision().publish()
    run_to_decision(draft, users, [REJECT, REJECT])
    trail = trail_html(public_page(client, draft))
    assert f"{lt('Consultative group decision')}:" in trail
    assert lt("sent back for changes") in trail
    assert votes_text(0, 2) in trail


def test_council_steps_entered_by_an_editor_follow_once_published(client, approved, users):
    minutes = CityDocumentFactory(title="Komiteto posėdžio protokolas")
    login(client, users["editor"])
    steps = [
        {
            "kind": "committee",
            "date": "2026-12-01",
            "body": "Strateginio planavimo komitetas",
            "outcome": "Pritarta",
            "decision_number": "",
            "document": str(minutes.pk),
        },
        {
            "kind": "council",
            "date": "2026-12-17",
            "body": "Alytaus miesto savivaldybės taryba",
            "outcome": "Patvirtinta",
            "decision_number": "T-123",
            "document": "",
        },
    ]
    response = client.post(edit_url(approved), draft_form_data(approved, council_steps=steps))
    assert response.status_code == 302
    client.logout()
    # The editor may not publish: the steps wait in the draft revision...
    assert "Strateginio planavimo komitetas" not in public_page(client, approved)
    # ...until an administrator publishes them.
    fresh(approved).get_latest_revision().publish(user=users["administrator"])
    trail = trail_html(public_page(client, approved))
    assert "Strateginio planavimo komitetas" in trail
    assert "Pritarta" in trail
    assert "Alytaus miesto savivaldybės taryba" in trail
    assert f"{lt('decision No.')} T-123" in trail
    assert "Komiteto posėdžio protokolas" in trail
    assert '<time datetime="2026-12-17">' in trail
    # After the workflow's own steps, in the order entered.
    assert trail.index(lt("Consultative group decision")) < trail.index("Strateginio planavimo")
    assert trail.index("Strateginio planavimo") < trail.index("Alytaus miesto savivaldybės taryba")


def test_a_draft_never_submitted_says_so(client, lt_site):
    draft = lt_site.lt["draft"]
    trail = trail_html(public_page(client, draft))
    assert lt("This draft has not yet been submitted for approval.") in trail
    assert lt("Not published yet.") in trail


# --- published versions and their comparison -------------------------------------------


@pytest.fixture
def two_versions(approved, users):
    """A second version published through a second full run of the workflow."""
    first = approved.live_revision
    rewrite(approved, users["editor"], "Alytus žalias ir modernus miestas.")
    workflow_state = approved.get_workflow().start(fresh(approved), users["editor"])
    approve_task1(approved, users["coordinator"])
    vote(approved, users["reviewer1"], APPROVE)
    vote(approved, users["reviewer2"], APPROVE)
    workflow_state.refresh_from_db()
    second = fresh(approved).live_revision
    assert first != second
    return fresh(approved), first, second


def compare_url(page, older, newer):
    return f"{page.url}versions/compare/?from={older}&to={newer}"


def test_published_versions_are_listed_with_a_comparison_form(client, two_versions):
    page, first, second = two_versions
    trail = trail_html(public_page(client, page))
    versions = re.search(r'<ol class="versions">(.*?)</ol>', trail, re.S).group(1)
    assert versions.count('<li id="version-') == 2
    # Each version after the first offers the comparison with the one before it.
    assert versions.count("Palyginti su ankstesne versija") == 1
    assert f"versions/compare/?from={first.pk}&amp;to={second.pk}" in versions
    assert f'<option value="{first.pk}" selected>' in trail  # from: the older
    assert re.search(rf'name="to">.*<option value="{second.pk}" selected>', trail, re.S)
    # Two runs of the workflow, each on the trail.
    assert trail.count(votes_text(2, 1)) == 1
    assert trail.count(votes_text(2, 0)) == 1


def test_the_comparison_marks_words_removed_and_added_section_by_section(client, two_versions):
    page, first, second = two_versions
    response = client.get(compare_url(page, first.pk, second.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<section class="diff diff--changed"' in html
    assert "<ins>ir modernus</ins>" in html
    # Each version links to the Consultative group's decision that approved it, on the trail.
    anchors = re.findall(r'href="[^"]*#(decision-\d+)"', html)
    assert len(set(anchors)) == 2
    trail = trail_html(public_page(client, page))
    assert all(f'id="{anchor}"' in trail for anchor in anchors)
    # The other way round, the same two versions: the older is always "from".
    reverse = client.get(compare_url(page, second.pk, first.pk)).content.decode()
    assert "<ins>ir modernus</ins>" in reverse
    assert "<del>ir modernus</del>" not in reverse


def test_the_comparison_shows_removed_and_added_sections_and_escapes_text(client, approved, users):
    first = approved.live_revision
    page = fresh(approved)
    page.sections = [section("Nauja dalis", "Tekstas su <script>alert(1)</script> žyme.")]
    page.save_revision(user=users["administrator"]).publish(user=users["administrator"])
    html = client.get(compare_url(page, first.pk, fresh(page).live_revision.pk)).content.decode()
    assert '<section class="diff diff--removed"' in html
    assert '<section class="diff diff--added"' in html
    assert "<del>Alytus žalias miestas.</del>" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?from=&to=",
        "?from=abc&to=def",
        "?from=1",
        "?from=999999&to=999998",
        "?from=FIRST&to=FIRST_UNPUBLISHED",
        "?from=FIRST&to=OTHER_PAGE",
        "?from=FIRST&to=SECOND%00",
        "?from[]=FIRST&to[]=SECOND",
    ],
)
def test_bad_comparison_parameters_give_a_clear_404(client, lt_site, two_versions, query, users):
    page, first, second = two_versions
    unpublished = rewrite(page, users["editor"], "Dar neskelbtas tekstas.")
    other = lt_site.lt["draft"]
    other_revision = other.save_revision()
    other_revision.publish()
    query = (
        query.replace("FIRST_UNPUBLISHED", str(unpublished.pk))
        .replace("OTHER_PAGE", str(other_revision.pk))
        .replace("FIRST", str(first.pk))
        .replace("SECOND", str(second.pk))
    )
    response = client.get(f"{page.url}versions/compare/{query}")
    assert response.status_code == 404
    # The site's own "page not found", with its ways back (not a server error page).
    assert f"<h1>{escape(lt('Page not found'))}</h1>" in response.content.decode()


# --- the page's query count holds while the workflow runs pile up -----------------------


def full_run(page, users, votes=(APPROVE, REJECT, APPROVE), text=""):
    rewrite(page, users["editor"], text or f"Versija {fresh(page).revisions.count()}")
    page.get_workflow().start(fresh(page), users["editor"])
    approve_task1(page, users["coordinator"])
    for username, choice in zip(("reviewer1", "reviewer2", "reviewer3"), votes, strict=True):
        vote(page, users[username], choice, f"Komentaras {choice}", is_public=True)


def queries_for(client, page):
    cache.clear()
    client.get(fresh(page).url)  # warm what is cached by design (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(fresh(page).url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_draft_page_query_count_does_not_grow_with_workflow_runs(client, lt_site, users):
    page = new_draft(lt_site)
    full_run(page, users)
    after_one, html = queries_for(client, page)
    assert trail_html(html).count(votes_text(2, 1)) == 1

    full_run(page, users)
    full_run(page, users)
    after_three, html = queries_for(client, page)
    assert trail_html(html).count(votes_text(2, 1)) == 3
    assert trail_html(html).count("Komentaras approve") == 6

    assert after_three == after_one
