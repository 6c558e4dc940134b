"""The collegial decision rule on its own: when a body's votes decide, and which way."""

import pytest

from approvals.rules import (
    APPROVE,
    QUORUM_COUNT,
    REJECT,
    THRESHOLD_TWO_THIRDS,
    THRESHOLD_UNANIMITY,
    Rule,
    Tally,
)

DEFAULT = Rule()  # a majority of all members must vote; a majority of the votes cast approves


def outcome(members, approve=0, reject=0, abstain=0, rule=DEFAULT):
    return rule.outcome(Tally(members=members, approve=approve, reject=reject, abstain=abstain))


@pytest.mark.parametrize(
    ("members", "quorum"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (7, 4), (8, 5)]
)
def test_the_default_quorum_is_a_majority_of_all_members(members, quorum):
    assert DEFAULT.quorum_size(members) == quorum


def test_a_quorum_can_be_a_number_of_members():
    assert Rule(quorum=QUORUM_COUNT, quorum_count=4).quorum_size(9) == 4


def test_nothing_is_decided_before_anyone_votes():
    assert outcome(3) is None


# --- unanimous --------------------------------------------------------------------------


def test_unanimous_approval_is_certain_as_soon_as_a_majority_approves():
    assert outcome(3, approve=1) is None
    # Two of three for: the third cannot outvote them (1 against 2 is still approval).
    assert outcome(3, approve=2) == APPROVE
    assert outcome(3, approve=3) == APPROVE


def test_unanimous_rejection_is_certain_as_soon_as_a_majority_rejects():
    assert outcome(3, reject=1) is None
    assert outcome(3, reject=2) == REJECT
    assert outcome(5, reject=3) == REJECT


def test_unanimity_rule_fails_on_one_vote_against():
    unanimity = Rule(threshold=THRESHOLD_UNANIMITY)
    assert outcome(3, approve=2, rule=unanimity) is None  # the third could still object
    assert outcome(3, approve=3, rule=unanimity) == APPROVE
    assert outcome(3, approve=2, reject=1, rule=unanimity) == REJECT
    assert outcome(5, approve=1, reject=1, rule=unanimity) == REJECT  # certain at once


# --- majority ---------------------------------------------------------------------------


def test_a_majority_for_approves_once_the_last_vote_cannot_change_it():
    # Against, for, for (the browser journey's order): undecided until the third vote.
    assert outcome(3, reject=1) is None
    assert outcome(3, approve=1, reject=1) is None
    assert outcome(3, approve=2, reject=1) == APPROVE


def test_a_majority_against_rejects():
    assert outcome(3, approve=1, reject=2) == REJECT
    assert outcome(5, approve=1, reject=3) == REJECT
    # 2 for, 2 against, one member left to vote: still open.
    assert outcome(5, approve=2, reject=2) is None


def test_two_thirds_need_twice_as_many_for_as_against():
    two_thirds = Rule(threshold=THRESHOLD_TWO_THIRDS)
    assert outcome(3, approve=2, reject=1, rule=two_thirds) == APPROVE
    assert outcome(5, approve=3, reject=2, rule=two_thirds) == REJECT
    assert outcome(6, approve=4, reject=2, rule=two_thirds) == APPROVE
    assert outcome(6, approve=3, reject=2, rule=two_thirds) is None  # the sixth decides


def test_abstentions_count_towards_the_quorum_but_not_the_majority():
    # 1 for, 2 abstain: the quorum (2 of 3) is met and 1 for beats 0 against.
    assert outcome(3, approve=1, abstain=2) == APPROVE
    # 1 for, 1 abstains, 1 left: that one could vote against and tie it.
    assert outcome(3, approve=1, abstain=1) is None
    # Everyone abstains: no majority for, so not approved.
    assert outcome(3, abstain=3) == REJECT


# --- tie --------------------------------------------------------------------------------


def test_a_tie_is_not_a_majority_for_and_rejects():
    assert outcome(4, approve=2, reject=2) == REJECT
    assert outcome(2, approve=1, reject=1) == REJECT
    assert outcome(3, approve=1, reject=1, abstain=1) == REJECT


def test_a_tie_still_reachable_leaves_it_open():
    # 2 for, 1 against, 1 to vote: a vote against would tie (reject), for would approve.
    assert outcome(4, approve=2, reject=1) is None


# --- quorum not reached -----------------------------------------------------------------


def test_without_the_quorum_nothing_is_decided_while_it_can_still_be_met():
    # 2 of 5 voted for: the quorum is 3, and 3 more could still vote against.
    assert outcome(5, approve=2) is None
    assert outcome(5, approve=1, abstain=1) is None


def test_approval_needs_the_quorum_even_when_everyone_who_voted_approved():
    rule = Rule(quorum=QUORUM_COUNT, quorum_count=4)
    assert outcome(5, approve=3, rule=rule) is None  # 3 for, but 4 must vote
    assert outcome(5, approve=3, abstain=1, rule=rule) == APPROVE


def test_a_quorum_that_can_no_longer_be_met_rejects():
    rule = Rule(quorum=QUORUM_COUNT, quorum_count=4)
    # A body of three can never bring four votes.
    assert outcome(3, rule=rule) == REJECT
    assert outcome(3, approve=3, rule=rule) == REJECT


def test_a_body_without_members_cannot_approve():
    assert outcome(0) == REJECT


# --- a member leaving, a changed vote (as the tally the task counts) --------------------


def test_a_member_leaving_can_decide_an_open_vote():
    # 1 for, 1 against among 3: open. The member who had not voted leaves: a tie of two.
    assert outcome(3, approve=1, reject=1) is None
    assert outcome(2, approve=1, reject=1) == REJECT
    # 1 for among 3: open. The two others leave: the one member left approved.
    assert outcome(3, approve=1) is None
    assert outcome(1, approve=1) == APPROVE


def test_a_changed_vote_is_counted_once_as_the_new_choice():
    # reviewer1 for, reviewer2 against; reviewer2 changes to for: 2 for, 0 against.
    assert outcome(3, approve=1, reject=1) is None
    assert outcome(3, approve=2, reject=0) == APPROVE


def test_more_votes_than_members_never_leave_a_negative_remainder():
    # A tally counts current members' votes only; the rule is safe even if it did not.
    assert Tally(members=2, approve=3).not_voted == 0
    assert outcome(2, approve=3) == APPROVE
