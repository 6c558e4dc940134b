"""The Consultative group's collegial decision, with real accounts and Wagtail's task states.

The votes are cast through the task (``CollegialDecisionTask.on_action``, what Wagtail's
workflow action view calls) or through the admin over HTTP; the tests then read what Wagtail
recorded: the task state's status, the workflow state, the page's live revision, and the
Decision row with the counted tally.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from wagtail.models import TaskState, WorkflowState

from approvals.models import CollegialDecisionTask, Decision, Vote
from approvals.roles import REVIEWERS
from approvals.rules import ABSTAIN, APPROVE, QUORUM_COUNT, REJECT
from tests.approvals.helpers import (
    REVIEWER_ACCOUNTS,
    act,
    approve_task1,
    current_task_state,
    draft_form_data,
    edit_url,
    fresh,
    login,
    lt,
    new_draft,
    post_vote,
    reviewers_group,
    run_to_decision,
    submit,
    vote,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

NO_PERMISSION = "Sorry, you do not have permission to access this area."
YOUR_VOTE = "Your vote: %(vote)s. You can change it until the body has decided."
RESTARTED = (
    "You changed the draft while the Consultative group was voting: the vote has started "
    "again on the new text and the members have been told."
)
VOTE_AGAIN = (
    "The draft was changed after you voted, so the vote has started again on the new text: "
    "please read it and vote again."
)
DECIDED_APPROVED = (
    "Your vote decided: the body has approved “%(title)s” (%(approve)s for, %(reject)s "
    "against, %(abstain)s abstained)."
)


def add_reviewers(count):
    """More members of the Consultative group (the demo has three)."""
    group = reviewers_group()
    extra = []
    for n in range(count):
        user = get_user_model().objects.create_user(
            f"reviewer-extra-{n}", f"reviewer-extra-{n}@example.org", "x"
        )
        user.groups.add(group)
        extra.append(user)
    return extra


def decision_task():
    return CollegialDecisionTask.objects.get(name="Consultative group decision")


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def follow_messages(client, response):
    """The messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    page = client.get(response["Location"])
    return [str(message).strip() for message in page.context["messages"]] if page.context else []


# --- The task as the migration created it ----------------------------------------------


def test_task_2_is_a_collegial_decision_of_the_reviewers_with_the_default_rule():
    task = decision_task()
    assert task.group.name == REVIEWERS
    assert (task.quorum, task.threshold) == ("majority", "majority")
    assert [t.specific.name for t in task.workflow_tasks.get().workflow.tasks] == [
        "Working-group review",
        "Consultative group decision",
    ]


def test_the_draft_reaches_the_vote_after_the_working_group_review(lt_site, users):
    draft = new_draft(lt_site)
    submit(draft, users["editor"])
    assert current_task_state(draft).task.name == "Working-group review"
    approve_task1(draft, users["coordinator"])
    task_state = current_task_state(draft)
    assert task_state.task.specific == decision_task()
    assert task_state.revision == fresh(draft).latest_revision


# --- unanimous, majority, tie, quorum ---------------------------------------------------


def test_unanimous_approval_decides_after_two_of_three_and_publishes(lt_site, users):
    draft = new_draft(lt_site)
    assert not draft.live
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    task_state = vote(draft, users["reviewer1"], APPROVE)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not Decision.objects.exists()

    task_state = vote(draft, users["reviewer2"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    decision = task_state.collegial_decision
    assert (decision.outcome, decision.approve, decision.reject, decision.abstain) == (
        APPROVE,
        2,
        0,
        0,
    )
    assert decision.members == 3
    assert task_state.workflow_state.status == WorkflowState.STATUS_APPROVED
    draft = fresh(draft)
    assert draft.live  # published by the workflow, though no reviewer may publish
    assert draft.live_revision == task_state.revision
    # The third member finds nothing left to vote on.
    assert fresh(draft).current_workflow_task_state is None


def test_unanimous_rejection_sends_the_draft_back(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [REJECT, REJECT])
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.collegial_decision.outcome == REJECT
    assert (task_state.collegial_decision.approve, task_state.collegial_decision.reject) == (0, 2)
    assert not fresh(draft).live


def test_a_majority_for_approves_only_when_the_last_vote_is_in(lt_site, users):
    draft = new_draft(lt_site)
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    assert vote(draft, users["reviewer1"], REJECT).status == TaskState.STATUS_IN_PROGRESS
    assert vote(draft, users["reviewer2"], APPROVE).status == TaskState.STATUS_IN_PROGRESS
    task_state = vote(draft, users["reviewer3"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    decision = task_state.collegial_decision
    assert (decision.approve, decision.reject, decision.abstain, decision.members) == (2, 1, 0, 3)
    assert fresh(draft).live
    # Every member's vote is recorded.
    assert dict(task_state.votes.values_list("voter__username", "choice")) == {
        "reviewer1": REJECT,
        "reviewer2": APPROVE,
        "reviewer3": APPROVE,
    }


def test_a_majority_against_rejects(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE, REJECT, REJECT])
    assert task_state.status == TaskState.STATUS_REJECTED
    assert (task_state.collegial_decision.approve, task_state.collegial_decision.reject) == (1, 2)


def test_a_tie_rejects(lt_site, users):
    fourth = add_reviewers(1)[0]
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE, APPROVE, REJECT])
    assert task_state.status == TaskState.STATUS_IN_PROGRESS  # 2:1, the fourth could tie it
    task_state = act(draft, fourth, REJECT, comment="", is_public=False)
    assert task_state.status == TaskState.STATUS_REJECTED
    decision = task_state.collegial_decision
    assert (decision.approve, decision.reject, decision.members) == (2, 2, 4)


def test_abstentions_count_for_the_quorum(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [ABSTAIN, ABSTAIN])
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    task_state = vote(draft, users["reviewer3"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert (task_state.collegial_decision.approve, task_state.collegial_decision.abstain) == (1, 2)


def test_without_the_quorum_the_decision_stays_open(lt_site, users):
    add_reviewers(2)  # five members: three must vote
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE, APPROVE])
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not Decision.objects.filter(task_state=task_state).exists()
    assert not fresh(draft).live
    task_state = vote(draft, users["reviewer3"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.collegial_decision.members == 5


def test_a_quorum_set_as_a_number_in_the_admin_is_applied(lt_site, users):
    task = decision_task()
    task.quorum, task.quorum_count = QUORUM_COUNT, 3
    task.save()
    draft = new_draft(lt_site)
    # Two for of three would do under the default rule; here all three must vote.
    task_state = run_to_decision(draft, users, [APPROVE, APPROVE])
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    task_state = vote(draft, users["reviewer3"], ABSTAIN)
    assert task_state.status == TaskState.STATUS_APPROVED


# --- a member leaving, a changed vote ---------------------------------------------------


def test_a_member_who_leaves_mid_decision_no_longer_counts(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE, REJECT])
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # reviewer2 (against) leaves the body: 1 for among the two members left, one to vote.
    users["reviewer2"].groups.remove(reviewers_group())
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert decision_task().tally(task_state).reject == 0
    task_state = vote(draft, users["reviewer3"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    decision = task_state.collegial_decision
    assert (decision.approve, decision.reject, decision.members) == (2, 0, 2)
    # The vote stays on record, but was not counted.
    assert task_state.votes.filter(voter=users["reviewer2"], choice=REJECT).exists()


def test_a_member_leaving_decides_an_open_vote_at_once(lt_site, users):
    """1 for, 1 against, the third leaves: a tie among two, decided without another vote."""
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE, REJECT])
    reviewers_group().user_set.remove(users["reviewer3"])
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.collegial_decision.members == 2


def test_a_deactivated_member_no_longer_counts(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [APPROVE])
    users["reviewer2"].is_active = False
    users["reviewer2"].save()
    users["reviewer3"].is_active = False
    users["reviewer3"].save()
    # reviewer1 is the only member left, and approved.
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_a_changed_vote_replaces_the_first(lt_site, users):
    draft = new_draft(lt_site)
    task_state = run_to_decision(draft, users, [REJECT, REJECT])
    assert task_state.status == TaskState.STATUS_REJECTED  # certain at 0:2

    draft = new_draft(lt_site, title="Plano projektas 0.3")
    task_state = run_to_decision(draft, users, [REJECT])
    vote(draft, users["reviewer1"], APPROVE, comment="Pataisyta, pritariu.")
    votes = Vote.objects.filter(task_state=task_state, voter=users["reviewer1"])
    assert [(v.choice, v.comment) for v in votes] == [(APPROVE, "Pataisyta, pritariu.")]
    task_state = vote(draft, users["reviewer2"], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert (task_state.collegial_decision.approve, task_state.collegial_decision.reject) == (2, 0)


# --- through the admin: who may vote, and what each one is told -------------------------


@pytest.fixture
def voting(client, lt_site, users):
    """A draft awaiting the Consultative group's decision; returns (draft, its task state)."""
    draft = new_draft(lt_site)
    submit(draft, users["editor"])
    approve_task1(draft, users["coordinator"])
    return draft, current_task_state(draft)


def test_a_member_votes_in_the_admin_and_is_told_the_vote(client, users, voting):
    draft, task_state = voting
    login(client, users["reviewer1"])
    modal = client.get(workflow_action_url(draft, APPROVE, task_state))
    assert modal.status_code == 200
    assert 'name="comment"' in modal.json()["html"]
    assert 'name="is_public"' in modal.json()["html"]

    response = post_vote(client, draft, task_state, APPROVE, "Pritariu.", is_public=True)
    assert response.status_code == 302
    assert response["Location"] == edit_url(draft)
    vote_row = Vote.objects.get(task_state=task_state, voter=users["reviewer1"])
    assert (vote_row.choice, vote_row.comment, vote_row.is_public) == (APPROVE, "Pritariu.", True)
    assert lt(YOUR_VOTE, vote=lt("For")) in follow_messages(client, response)


def test_a_second_vote_in_the_admin_replaces_the_first(client, users, voting):
    draft, task_state = voting
    login(client, users["reviewer1"])
    post_vote(client, draft, task_state, REJECT, "Per anksti.")
    response = post_vote(client, draft, task_state, ABSTAIN)
    assert list(
        Vote.objects.filter(task_state=task_state).values_list("voter__username", "choice")
    ) == [("reviewer1", ABSTAIN)]
    assert Vote.objects.get(task_state=task_state).comment == ""
    assert lt(YOUR_VOTE, vote=lt("Abstained")) in follow_messages(client, response)


@pytest.mark.parametrize("username", ["editor", "coordinator", "moderator", "administrator"])
def test_someone_outside_the_body_cannot_vote(client, users, voting, username):
    draft, task_state = voting
    login(client, users[username])
    for request in (
        lambda: client.get(workflow_action_url(draft, APPROVE, task_state)),
        lambda: post_vote(client, draft, task_state, APPROVE),
    ):
        response = request()
        assert response.status_code == 302  # back to the dashboard, not a 500
        assert response["Location"] == reverse("wagtailadmin_home")
        assert lt(NO_PERMISSION) in messages_of(response)
    assert not Vote.objects.exists()
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    ("other_role", "refusal"),
    [
        (None, "You do not have permission to access the admin."),  # no admin rights left
        ("Comment moderators", NO_PERMISSION),  # still in the admin, for another role
    ],
)
def test_a_reviewer_who_left_the_body_cannot_vote(client, users, voting, other_role, refusal):
    draft, task_state = voting
    reviewer = users["reviewer3"]
    reviewer.groups.remove(reviewers_group())
    if other_role:
        reviewer.groups.add(Group.objects.get(name=other_role))
    login(client, reviewer)
    response = post_vote(client, draft, task_state, REJECT)
    assert response.status_code == 302
    assert lt(refusal) in messages_of(response)
    assert not Vote.objects.exists()
    # ...and asked in the API directly, the task refuses too.
    with pytest.raises(PermissionDenied) as refused:
        decision_task().on_action(task_state, users["reviewer3"], REJECT)
    with translation.override("lt"):
        assert str(refused.value) == lt("Only members of the deciding body can vote.")


def test_an_anonymous_visitor_is_sent_to_log_in(client, voting):
    draft, task_state = voting
    response = post_vote(client, draft, task_state, APPROVE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not Vote.objects.exists()


def test_an_unknown_vote_is_refused_without_an_error(client, users, voting):
    draft, task_state = voting
    login(client, users["reviewer1"])
    response = post_vote(client, draft, task_state, "veto")
    assert response.status_code == 302
    assert not Vote.objects.exists()


def test_the_deciding_voter_lands_on_the_dashboard_with_the_decision(client, users, voting):
    draft, task_state = voting
    vote(draft, users["reviewer1"], REJECT)
    vote(draft, users["reviewer2"], APPROVE)
    login(client, users["reviewer3"])
    response = post_vote(client, draft, task_state, APPROVE)
    assert response["Location"] == reverse("wagtailadmin_home") + f"?decided={task_state.pk}"
    shown = follow_messages(client, response)
    assert lt(DECIDED_APPROVED, title=draft.title, approve=2, reject=1, abstain=0) in shown
    # The decision is not shown to someone who did not vote in it.
    client.logout()
    login(client, users["editor"])
    page = client.get(response["Location"])
    assert not list(page.context["messages"])


def test_a_vote_after_the_decision_is_not_counted(client, users, voting):
    draft, task_state = voting
    vote(draft, users["reviewer1"], APPROVE)
    vote(draft, users["reviewer2"], APPROVE)
    login(client, users["reviewer3"])
    response = post_vote(client, draft, task_state, REJECT)
    assert response.status_code == 302
    assert not Vote.objects.filter(voter=users["reviewer3"]).exists()
    assert TaskState.objects.get(pk=task_state.pk).collegial_decision.reject == 0


# --- an edit during the decision restarts it --------------------------------------------


def test_an_edit_during_the_decision_restarts_it_and_the_editor_is_told(client, users, voting):
    draft, task_state = voting
    vote(draft, users["reviewer1"], APPROVE)
    vote(draft, users["reviewer2"], REJECT)

    login(client, users["editor"])
    response = client.post(edit_url(draft), draft_form_data(draft, summary="Pataisyta santrauka."))
    assert response.status_code == 302
    shown = follow_messages(client, response)
    assert lt(RESTARTED) in shown

    old = TaskState.objects.get(pk=task_state.pk)
    assert old.status == TaskState.STATUS_CANCELLED
    new = current_task_state(draft)
    assert new.pk != old.pk
    assert new.task.specific == decision_task()
    assert new.status == TaskState.STATUS_IN_PROGRESS
    # The new vote is on the new text: the revision the editor has just saved.
    draft = fresh(draft)
    assert new.revision == draft.latest_revision
    assert new.revision.as_object().summary == "Pataisyta santrauka."
    assert not new.votes.exists()
    # The working-group review is not asked again.
    assert new.workflow_state == old.workflow_state


def test_after_a_restart_a_member_is_asked_to_vote_again(client, users, voting):
    draft, task_state = voting
    vote(draft, users["reviewer1"], APPROVE)
    fresh(draft).save_revision(user=users["editor"])  # the editor changes the draft
    login(client, users["reviewer1"])
    shown = [str(m).strip() for m in client.get(edit_url(draft)).context["messages"]]
    assert lt(VOTE_AGAIN) in shown
    # The form that was open on the old text does not count any more.
    post_vote(client, draft, task_state, APPROVE)
    assert not current_task_state(draft).votes.exists()


def test_an_autosave_over_the_text_being_voted_on_restarts_the_vote(users, voting):
    draft, task_state = voting
    # Before any vote: the admin's autosave overwriting the revision changes nothing decided.
    page = fresh(draft)
    page.summary = "Rašoma..."
    page.save_revision(user=users["editor"], overwrite_revision=None)
    task_state = current_task_state(draft)
    page = fresh(draft)
    page.summary = "Rašoma toliau..."
    page.save_revision(user=users["editor"], overwrite_revision=page.latest_revision)
    assert current_task_state(draft).pk == task_state.pk
    # After a vote, the overwritten text is not the one voted on: the vote restarts.
    vote(draft, users["reviewer1"], APPROVE)
    page = fresh(draft)
    page.summary = "Kitas tekstas."
    page.save_revision(user=users["editor"], overwrite_revision=page.latest_revision)
    restarted = current_task_state(draft)
    assert restarted.pk != task_state.pk
    assert not restarted.votes.exists()


def test_the_restarted_vote_decides_on_its_own_votes(users, voting):
    draft, _task_state = voting
    vote(draft, users["reviewer1"], APPROVE)
    vote(draft, users["reviewer2"], REJECT)
    fresh(draft).save_revision(user=users["editor"])
    task_state = vote(draft, users["reviewer3"], REJECT)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS  # reviewer2's earlier vote is gone
    task_state = vote(draft, users["reviewer2"], REJECT)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.collegial_decision.reject == 2
    assert task_state.collegial_decision.approve == 0


def test_a_new_version_goes_through_the_whole_workflow_again(lt_site, users):
    draft = new_draft(lt_site)
    run_to_decision(draft, users, [REJECT, REJECT])
    assert fresh(draft).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The editor resubmits: the workflow resumes at the task that sent it back.
    workflow_state = fresh(draft).current_workflow_state
    fresh(draft).save_revision(user=users["editor"])
    workflow_state.resume(users["editor"])
    assert current_task_state(draft).task.name == "Consultative group decision"
    for username in REVIEWER_ACCOUNTS[:2]:
        task_state = vote(draft, users[username], APPROVE)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert fresh(draft).live


# --- the vote on the page's own screen --------------------------------------------------


def test_a_member_finds_the_vote_in_the_page_editor_but_no_way_to_end_the_workflow(
    client, users, voting
):
    draft, task_state = voting
    login(client, users["reviewer1"])
    html = client.get(edit_url(draft)).content.decode()
    for choice in (APPROVE, REJECT, ABSTAIN):
        assert (
            f'data-workflow-action-url="{workflow_action_url(draft, choice, task_state)}"' in html
        )
    assert 'name="action-cancel-workflow"' not in html
    # The draft stays locked for them: they decide on it, they do not edit it.
    response = client.post(edit_url(draft), draft_form_data(draft, summary="Reviewer's edit"))
    assert fresh(draft).get_latest_revision().as_object().summary != "Reviewer's edit"
    assert response.status_code == 200


def test_the_editor_sees_no_vote_in_the_page_editor(client, users, voting):
    draft, _task_state = voting
    login(client, users["editor"])
    html = client.get(edit_url(draft)).content.decode()
    assert "data-workflow-action-url" not in html
