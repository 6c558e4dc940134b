"""Finding 3: one reviewer could cancel the body's decision.

Wagtail lets anyone whose task offers "approve" cancel a workflow: a member of the
Consultative group could POST ``action-cancel-workflow`` on the edit form (the button was only
hidden) and throw away the coordinator's approval and every vote. Only the person who
submitted the draft and administrators may cancel (or restart) it; members vote.

Each attack is the raw POST an attacker sends; the tests check the answer, the message, and
that the workflow, its tasks and the votes are as they were.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState

from approvals.models import Vote
from approvals.roles import EDITORS
from home.demo.accounts import DEMO_PASSWORD
from tests.approvals.helpers import (
    act,
    approve_task1,
    current_task_state,
    draft_form_data,
    edit_url,
    fresh,
    login,
    lt,
    new_draft,
    submit,
    vote,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

REFUSED = (
    "Only the person who submitted this page for approval, or an administrator, can cancel or "
    "restart its approval. Reviewers approve or reject it."
)


@pytest.fixture
def draft(lt_site):
    return new_draft(lt_site)


@pytest.fixture
def in_decision(draft, users):
    """The editor submitted, the coordinator approved, reviewer1 voted for: the body decides."""
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    vote(draft, users["reviewer1"], "approve", comment="Pritariu.")
    return draft


def snapshot(page):
    """What a cancellation would change: the workflow, its tasks and the votes."""
    workflow_states = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("pk")
    workflow_state = workflow_states.last()
    return {
        "runs": workflow_states.count(),
        "workflow": workflow_state.status,
        "tasks": sorted(
            (state.task.name, state.status) for state in workflow_state.task_states.all()
        ),
        "votes": sorted(Vote.objects.values_list("voter__username", "choice", "comment")),
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_refused(response, page, before):
    assert snapshot(page) == before
    assert response.status_code == 302
    assert response["Location"] == edit_url(page)
    assert lt(REFUSED) in messages_of(response)


@pytest.mark.parametrize("reviewer", ["reviewer1", "reviewer2"])
def test_a_reviewer_cannot_cancel_the_bodys_decision_from_the_edit_form(
    client, users, in_decision, reviewer
):
    before = snapshot(in_decision)
    assert before["workflow"] == WorkflowState.STATUS_IN_PROGRESS
    login(client, users[reviewer])

    # The draft's whole form with the hidden button's name, as a browser would send it
    # (Wagtail cancelled even though the form is locked for members) ...
    response = client.post(
        edit_url(in_decision), {**draft_form_data(in_decision), "action-cancel-workflow": "1"}
    )
    assert_refused(response, in_decision, before)
    # ... and the bare action, without the form.
    assert_refused(
        client.post(edit_url(in_decision), {"action-cancel-workflow": "1"}), in_decision, before
    )
    # The body goes on: the second reviewer's vote decides.
    vote(in_decision, users["reviewer2"], "approve")
    assert fresh(in_decision).live


def test_a_reviewer_cannot_cancel_through_the_revision_revert_form(client, users, in_decision):
    revision = fresh(in_decision).latest_revision
    before = snapshot(in_decision)
    login(client, users["reviewer2"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=[in_decision.pk, revision.pk])

    assert_refused(client.post(url, {"action-cancel-workflow": "1"}), in_decision, before)


def test_the_workflow_action_view_offers_no_cancel(client, users, in_decision):
    task_state = current_task_state(in_decision)
    before = snapshot(in_decision)
    login(client, users["reviewer2"])
    client.raise_request_exception = False

    for action in ("cancel", "cancel-workflow", "restart-workflow"):
        response = client.post(workflow_action_url(in_decision, action, task_state), {})
        assert response.status_code in (302, 403)
        assert snapshot(in_decision) == before


def test_a_coordinator_cannot_cancel_during_their_review(client, users, draft):
    submit(draft, users["editor"])
    before = snapshot(draft)
    login(client, users["coordinator"])

    response = client.post(
        edit_url(draft), {**draft_form_data(draft), "action-cancel-workflow": "1"}
    )

    assert_refused(response, draft, before)
    assert current_task_state(draft).task.name == "Working-group review"


@pytest.fixture
def owner(draft):
    """Another editor, who created the draft (Wagtail lets a page's owner cancel too)."""
    owner = get_user_model().objects.create_user("editor2", "editor2@example.org", DEMO_PASSWORD)
    owner.groups.add(Group.objects.get(name=EDITORS))
    draft.owner = owner
    draft.save(update_fields=["owner"])
    return owner


def test_an_editor_who_did_not_submit_the_draft_cannot_cancel_it(client, users, draft, owner):
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    before = snapshot(draft)
    login(client, owner)

    response = client.post(
        edit_url(draft), {**draft_form_data(draft), "action-cancel-workflow": "1"}
    )

    assert_refused(response, draft, before)


def test_nor_restart_it_after_a_rejection(client, users, draft, owner):
    """Restarting (from the first task) is offered once a task has sent the draft back."""
    submit(draft, users["editor"])
    act(draft, users["coordinator"], "reject", comment="Trūksta priemonių.")
    before = snapshot(draft)
    assert before["workflow"] == WorkflowState.STATUS_NEEDS_CHANGES
    login(client, owner)

    response = client.post(
        edit_url(draft), {**draft_form_data(draft), "action-restart-workflow": "1"}
    )

    assert_refused(response, draft, before)


DELETE_REFUSED = (
    "This page is awaiting approval: only the person who submitted it, or an administrator, "
    "can delete it (and its approval with it)."
)


def test_an_editor_who_did_not_submit_it_cannot_delete_the_draft_and_its_votes(
    client, users, in_decision, owner
):
    """Editors may delete unpublished drafts: not one under another editor's approval."""
    before = snapshot(in_decision)
    login(client, owner)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[in_decision.pk]))

    assert fresh(in_decision) is not None
    assert snapshot(in_decision) == before
    assert response.status_code == 302
    assert lt(DELETE_REFUSED) in messages_of(response)


def test_nor_in_bulk(client, users, in_decision, owner):
    before = snapshot(in_decision)
    login(client, owner)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = client.post(f"{url}?id={in_decision.pk}", {})

    assert snapshot(in_decision) == before
    assert response.status_code == 302
    assert lt(DELETE_REFUSED) in messages_of(response)


def test_the_editor_who_submitted_it_may_still_delete_it(client, users, in_decision):
    login(client, users["editor"])

    client.post(reverse("wagtailadmin_pages:delete", args=[in_decision.pk]))

    assert not Page.objects.filter(pk=in_decision.pk).exists()


@pytest.mark.parametrize("role", ["reviewer2", "coordinator", "editor"])
def test_disabling_the_workflow_or_its_task_is_an_administrators_act(
    client, users, in_decision, role
):
    """Settings → Workflows: disabling a workflow or a task cancels what is in progress."""
    task_state = current_task_state(in_decision)
    workflow = task_state.workflow_state.workflow
    before = snapshot(in_decision)
    login(client, users[role])

    client.post(reverse("wagtailadmin_workflows:disable", args=[workflow.pk]))
    client.post(reverse("wagtailadmin_workflows:disable_task", args=[task_state.task_id]))

    assert snapshot(in_decision) == before
    assert workflow.__class__.objects.get(pk=workflow.pk).active


# --- who may cancel still can ------------------------------------------------------------


def test_the_editor_who_submitted_the_draft_cancels_it(client, users, in_decision):
    login(client, users["editor"])
    response = client.post(
        edit_url(in_decision), {**draft_form_data(in_decision), "action-cancel-workflow": "1"}
    )

    assert response.status_code == 302
    assert snapshot(in_decision)["workflow"] == WorkflowState.STATUS_CANCELLED
    assert not fresh(in_decision).live


def test_an_administrator_cancels_it(client, users, in_decision):
    login(client, users["administrator"])
    response = client.post(
        edit_url(in_decision), {**draft_form_data(in_decision), "action-cancel-workflow": "1"}
    )

    assert response.status_code == 302
    assert snapshot(in_decision)["workflow"] == WorkflowState.STATUS_CANCELLED
    assert snapshot(in_decision)["tasks"] == [
        ("Consultative group decision", TaskState.STATUS_CANCELLED),
        ("Working-group review", TaskState.STATUS_APPROVED),
    ]
    assert lt("The approval of “%(title)s” has been cancelled.", title=in_decision.title) in (
        messages_of(response)
    )


def test_the_menu_offers_cancelling_to_whom_may_cancel(client, users, in_decision):
    for username, offered in (
        ("reviewer2", False),
        ("editor", True),
        ("administrator", True),
    ):
        client.logout()
        login(client, users[username])
        page = client.get(edit_url(in_decision)).content.decode()
        assert ('name="action-cancel-workflow"' in page) == offered, username
