"""E-mails at each step of the Consultative approval: who gets which message, and what it says.

The whole run goes through the admin over HTTP (the editor's "Submit", the coordinator's
"Approve", the reviewers' votes), so Wagtail's own notifications and ours are both sent as
they would be on the site. Test settings use the local-memory backend (``mail.outbox``).
"""

import re

import pytest

from django.core import mail

from wagtail.users.models import UserProfile

from approvals.rules import APPROVE, REJECT
from tests.approvals.helpers import (
    current_task_state,
    draft_form_data,
    edit_url,
    login,
    lt,
    new_draft,
    post_vote,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

ADMIN_EDIT = "http://testserver/admin/pages/{}/edit/"


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def sent_since(count):
    return mail.outbox[count:]


def submit_in_admin(client, draft, editor):
    login(client, editor)
    response = client.post(edit_url(draft), {**draft_form_data(draft), "action-submit": "1"})
    assert response.status_code == 302
    client.logout()


def approve_in_admin(client, draft, coordinator):
    login(client, coordinator)
    task_state = current_task_state(draft)
    response = client.post(workflow_action_url(draft, "approve", task_state), {"comment": ""})
    assert response.status_code == 302
    client.logout()


def vote_in_admin(client, draft, reviewer, choice, comment="", is_public=False):
    login(client, reviewer)
    post_vote(client, draft, current_task_state(draft), choice, comment, is_public)
    client.logout()


@pytest.fixture
def submitted(client, lt_site, users):
    draft = new_draft(lt_site, title="Plano projektas 0.2")
    mail.outbox.clear()
    submit_in_admin(client, draft, users["editor"])
    return draft


def test_submission_mails_the_coordinators_wagtails_own_message(submitted):
    """Task 1 is Wagtail's group approval task: Wagtail tells that group, nobody else."""
    (message,) = mail.outbox
    assert message.to == ["coordinator@example.org"]
    assert "Plano projektas 0.2" in message.subject
    assert "Darbo grupės svarstymas" in message.subject  # the task, in Lithuanian
    # Wagtail's footer, as a Lithuanian editor writes it (its catalogue's word for word
    # "Redaguokite savo pranešimų nustatymus čia" reworded in ours).
    assert "Kokius pranešimus gauti, galite pasirinkti čia:" in message.body
    assert ADMIN_EDIT.format(submitted.pk) in message.body


def test_the_working_group_approval_mails_each_reviewer_our_call_to_vote(client, users, submitted):
    before = len(mail.outbox)
    approve_in_admin(client, submitted, users["coordinator"])
    messages = sent_since(before)
    # One message per member (no member sees the others' addresses); nobody else.
    assert sorted(message.to for message in messages) == [
        ["reviewer1@example.org"],
        ["reviewer2@example.org"],
        ["reviewer3@example.org"],
    ]
    for message in messages:
        assert message.subject == "Prašome balsuoti: „Plano projektas 0.2“"
        assert "Plano projektas 0.2" in message.body
        assert "Konsultacinės darbo grupės sprendimas" in message.body  # the task, translated
        assert "Editor" in message.body  # who submitted it
        assert (
            lt(
                "The group has %(members)s members; at least %(quorum)s of them must vote.",
                members=3,
                quorum=2,
            )
            in message.body
        )
        assert ADMIN_EDIT.format(submitted.pk) in message.body
        assert message.from_email == "Strateginis planas <no-reply@localhost>"


def test_the_decision_mails_the_submitter_and_the_earlier_reviewer_with_the_counts(
    client, users, submitted
):
    approve_in_admin(client, submitted, users["coordinator"])
    vote_in_admin(client, submitted, users["reviewer1"], REJECT, "Trūksta rodiklių.", True)
    vote_in_admin(client, submitted, users["reviewer2"], APPROVE, "Vidinė pastaba.", False)
    before = len(mail.outbox)
    vote_in_admin(client, submitted, users["reviewer3"], APPROVE)
    messages = sent_since(before)

    ours = [m for m in messages if m.subject == lt("Approved: “%(title)s”", title=submitted.title)]
    assert recipients(ours) == ["coordinator@example.org", "editor@example.org"]
    for message in ours:
        assert (
            lt(
                "Votes: %(approve)s for, %(reject)s against, %(abstain)s abstained "
                "(%(members)s members).",
                approve=2,
                reject=1,
                abstain=0,
                members=3,
            )
            in message.body
        )
        assert "Trūksta rodiklių." in message.body  # a comment its author made public
        assert "Vidinė pastaba." not in message.body  # one that was not
        assert ADMIN_EDIT.format(submitted.pk) in message.body
        for username in ("reviewer1", "reviewer2", "reviewer3"):
            assert username not in message.body

    # Wagtail's own "approved" message to the submitter, for the workflow as a whole.
    wagtails = [m for m in messages if m not in ours]
    assert recipients(wagtails) == ["editor@example.org"]
    assert "Konsultacinės darbo grupės tvirtinimas" in wagtails[0].subject
    # Nobody else: no reviewer is mailed the outcome of their own vote.
    assert recipients(messages) == [
        "coordinator@example.org",
        "editor@example.org",
        "editor@example.org",
    ]


def test_a_rejection_mails_the_same_people_and_names_no_reviewer(client, users, submitted):
    approve_in_admin(client, submitted, users["coordinator"])
    vote_in_admin(client, submitted, users["reviewer1"], REJECT)
    before = len(mail.outbox)
    vote_in_admin(client, submitted, users["reviewer2"], REJECT, "Per anksti.", True)
    messages = sent_since(before)

    ours = [
        m for m in messages if m.subject == lt("Not approved: “%(title)s”", title=submitted.title)
    ]
    assert recipients(ours) == ["coordinator@example.org", "editor@example.org"]
    for message in ours:
        assert (
            lt(
                "%(task)s: the plan document “%(title)s” has not been approved; the draft "
                "goes back to its editor for changes.",
                title=submitted.title,
                task=lt("Consultative group decision"),
            )
            in message.body
        )
        assert (
            lt(
                "Votes: %(approve)s for, %(reject)s against, %(abstain)s abstained "
                "(%(members)s members).",
                approve=0,
                reject=2,
                abstain=0,
                members=3,
            )
            in message.body
        )
        assert "Per anksti." in message.body

    # Wagtail tells the submitter the workflow was rejected; the body decided, so its
    # message names no member as the one who rejected the draft.
    (wagtails,) = [m for m in messages if m not in ours]
    assert wagtails.to == ["editor@example.org"]
    assert "Konsultacinės darbo grupės sprendimas" in wagtails.body
    for username in ("reviewer1", "reviewer2", "Reviewer1", "Reviewer2"):
        assert username not in wagtails.body
    assert len(messages) == 3


def test_a_restart_tells_the_members_again(client, users, submitted):
    approve_in_admin(client, submitted, users["coordinator"])
    vote_in_admin(client, submitted, users["reviewer1"], APPROVE)
    before = len(mail.outbox)
    login(client, users["editor"])
    client.post(edit_url(submitted), draft_form_data(submitted, summary="Nauja santrauka."))
    messages = sent_since(before)
    assert recipients(messages) == [
        "reviewer1@example.org",
        "reviewer2@example.org",
        "reviewer3@example.org",
    ]
    assert {m.subject for m in messages} == {lt("Please vote: “%(title)s”", title=submitted.title)}


def test_members_without_an_address_or_no_longer_active_are_not_mailed(client, users, submitted):
    users["reviewer2"].email = ""
    users["reviewer2"].save()
    users["reviewer3"].is_active = False
    users["reviewer3"].save()
    before = len(mail.outbox)
    approve_in_admin(client, submitted, users["coordinator"])
    assert recipients(sent_since(before)) == ["reviewer1@example.org"]


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_each_recipient_reads_the_mail_in_their_admin_language(client, lt_site, users):
    """Wagtail's message and ours alike: a coordinator and a reviewer who prefer English get
    them in English (subject and body, the task named in English), the others in Lithuanian,
    the site's language."""
    prefer(users["coordinator"], "en")
    prefer(users["reviewer2"], "en")
    draft = new_draft(lt_site, title="Plano projektas 0.2")
    mail.outbox.clear()
    submit_in_admin(client, draft, users["editor"])
    (wagtails,) = mail.outbox
    assert "Working-group review" in wagtails.subject
    assert "Darbo grupės svarstymas" not in wagtails.body

    before = len(mail.outbox)
    approve_in_admin(client, draft, users["coordinator"])
    by_recipient = {message.to[0]: message for message in sent_since(before)}
    english = by_recipient["reviewer2@example.org"]
    assert english.subject == "Please vote: “Plano projektas 0.2”"
    assert "Consultative group decision" in english.body
    assert "Read the draft and vote for, against or abstain here:" in english.body
    for address in ("reviewer1@example.org", "reviewer3@example.org"):
        assert by_recipient[address].subject == "Prašome balsuoti: „Plano projektas 0.2“"
        assert "Konsultacinės darbo grupės sprendimas" in by_recipient[address].body


def test_links_are_on_the_sites_address_with_its_port(client, settings, users, submitted):
    """Every link of the run, Wagtail's and ours, the admin's and the public page's, starts
    with WAGTAILADMIN_BASE_URL (not the Site record's "localhost" on port 80)."""
    settings.WAGTAILADMIN_BASE_URL = "https://planas.alytus.lt:8443"
    before = len(mail.outbox)
    approve_in_admin(client, submitted, users["coordinator"])
    for reviewer, choice in (("reviewer1", APPROVE), ("reviewer2", APPROVE)):
        vote_in_admin(client, submitted, users[reviewer], choice)
    messages = sent_since(before)
    page_url = f"https://planas.alytus.lt:8443{submitted.specific.get_url_parts()[2]}"
    assert page_url.startswith("https://planas.alytus.lt:8443/lt/")
    links = [link for m in messages for link in re.findall(r"https?://\S+", m.body)]
    assert links and all(link.startswith("https://planas.alytus.lt:8443/") for link in links)
    ours = [m for m in messages if m.subject == lt("Approved: “%(title)s”", title=submitted.title)]
    wagtails = [m for m in messages if m.to == ["editor@example.org"] and m not in ours]
    for message in (*ours, *wagtails):
        assert page_url in message.body  # the page just published, on the site
