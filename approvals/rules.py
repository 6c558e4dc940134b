"""The collegial decision rule: when a body's votes decide, and which way.

A pure function of the members' votes, so the rule is tested on its own and the task only
has to ask it after every vote. Abstentions count towards the quorum but are not votes
cast for or against: "a majority of the votes cast" is a majority of the for and against.
"""

from dataclasses import dataclass

APPROVE, REJECT, ABSTAIN = "approve", "reject", "abstain"

QUORUM_MAJORITY = "majority"  # more than half of all members must vote
QUORUM_COUNT = "count"  # at least a given number of members must vote

THRESHOLD_MAJORITY = "majority"  # more votes for than against
THRESHOLD_TWO_THIRDS = "two_thirds"  # at least two thirds of the votes cast are for
THRESHOLD_UNANIMITY = "unanimity"  # no vote against, at least one for


@dataclass(frozen=True)
class Tally:
    """Votes of the current members; ``members`` is how many members the body has now."""

    members: int
    approve: int = 0
    reject: int = 0
    abstain: int = 0

    @property
    def voted(self):
        return self.approve + self.reject + self.abstain

    @property
    def not_voted(self):
        return max(self.members - self.voted, 0)


@dataclass(frozen=True)
class Rule:
    """A quorum and a threshold, as configured on the task."""

    quorum: str = QUORUM_MAJORITY
    quorum_count: int = 0
    threshold: str = THRESHOLD_MAJORITY

    def quorum_size(self, members):
        if self.quorum == QUORUM_COUNT:
            return self.quorum_count
        return members // 2 + 1

    def passes(self, approve, reject):
        """Whether these votes for and against carry the proposal (quorum aside)."""
        if self.threshold == THRESHOLD_UNANIMITY:
            return approve > 0 and reject == 0
        if self.threshold == THRESHOLD_TWO_THIRDS:
            return approve > 0 and 3 * approve >= 2 * (approve + reject)
        return approve > reject

    def outcome(self, tally):
        """``APPROVE`` or ``REJECT`` once no remaining vote can change it, else ``None``.

        Approved for certain: the quorum is already met and the proposal passes even if every
        member who has not voted votes against. Rejected for certain: the quorum can no longer
        be met, or the proposal fails even if every remaining member votes for it.
        """
        quorum = self.quorum_size(tally.members)
        remaining = tally.not_voted
        if tally.members == 0 or tally.voted + remaining < quorum:
            return REJECT
        if tally.voted >= quorum and self.passes(tally.approve, tally.reject + remaining):
            return APPROVE
        if not self.passes(tally.approve + remaining, tally.reject):
            return REJECT
        return None
