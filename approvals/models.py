"""The Consultative group's collegial decision, as a Wagtail workflow task, and its votes."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Task, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from approvals import rules
from approvals.forms import VoteForm


class CollegialDecisionTask(Task):
    """A body decides by vote: every member votes; the rule below says when it is decided."""

    group = models.ForeignKey(
        Group,
        verbose_name=_("deciding body"),
        on_delete=models.PROTECT,
        related_name="collegial_decision_tasks",
        help_text=_("Every member of this group votes; the rule counts its current members."),
    )
    quorum = models.CharField(
        _("quorum"),
        max_length=20,
        choices=[
            (rules.QUORUM_MAJORITY, _("A majority of all members must vote")),
            (rules.QUORUM_COUNT, _("At least the number of members below must vote")),
        ],
        default=rules.QUORUM_MAJORITY,
    )
    quorum_count = models.PositiveSmallIntegerField(
        _("quorum (members)"), default=0, help_text=_("Used when the quorum is a number.")
    )
    threshold = models.CharField(
        _("decision rule"),
        max_length=20,
        choices=[
            (rules.THRESHOLD_MAJORITY, _("A majority of the votes cast approves")),
            (rules.THRESHOLD_TWO_THIRDS, _("Two thirds of the votes cast approve")),
            (rules.THRESHOLD_UNANIMITY, _("Unanimity: no vote against")),
        ],
        default=rules.THRESHOLD_MAJORITY,
    )

    admin_form_fields = [*Task.admin_form_fields, "group", "quorum", "quorum_count", "threshold"]

    class Meta:
        verbose_name = _("collegial decision task")
        verbose_name_plural = _("collegial decision tasks")

    @classmethod
    def get_description(cls):
        return _("The members of a group vote; the task decides by quorum and majority.")

    @property
    def rule(self):
        return rules.Rule(
            quorum=self.quorum, quorum_count=self.quorum_count, threshold=self.threshold
        )

    def is_member(self, user):
        return user.is_active and self.group.user_set.filter(pk=user.pk).exists()

    def members(self):
        return self.group.user_set.filter(is_active=True)

    def tally(self, task_state):
        """Votes of those who are members now (a member who left no longer counts)."""
        votes = task_state.votes.filter(voter__in=self.members())
        counts = dict(votes.values_list("choice").annotate(n=models.Count("id")))
        return rules.Tally(
            members=self.members().count(),
            approve=counts.get(rules.APPROVE, 0),
            reject=counts.get(rules.REJECT, 0),
            abstain=counts.get(rules.ABSTAIN, 0),
        )

    # --- Wagtail's task API -------------------------------------------------------------

    def get_actions(self, obj, user):
        if not self.is_member(user):
            return []
        return [
            (rules.APPROVE, _("Vote to approve"), True),
            (rules.REJECT, _("Vote to reject"), True),
            (rules.ABSTAIN, _("Abstain"), True),
        ]

    def get_form_for_action(self, action):
        return VoteForm

    def follows_read_only(self, obj, user):
        """Whether ``user`` approved an earlier task of this run and may not edit the page
        otherwise (a working-group coordinator): they follow the decision, read-only."""
        workflow_state = obj.current_workflow_state
        return (
            workflow_state is not None
            and not self.is_member(user)
            and workflow_state.task_states.filter(
                status=TaskState.STATUS_APPROVED, finished_by=user
            ).exists()
            and not PagePermissionPolicy().user_has_permission_for_instance(user, "change", obj)
        )

    def user_can_access_editor(self, obj, user):
        return self.is_member(user) or self.follows_read_only(obj, user)

    def locked_for_user(self, obj, user):
        # Reviewers read and vote; they do not edit the draft they decide on.
        if self.is_member(user):
            return not user.is_superuser
        return self.follows_read_only(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_member(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Record (or replace) the member's vote, then close the task if the outcome is certain.

        Returns where the admin goes next: the draft's editor, which tells the member their
        vote (``approvals.wagtail_hooks``), or, once the body has decided and the member may
        no longer open the draft, the dashboard with the decision.
        """
        if not self.is_member(user):
            raise PermissionDenied(_("Only members of the deciding body can vote."))
        if action_name not in (rules.APPROVE, rules.REJECT, rules.ABSTAIN):
            raise PermissionDenied(_("Unknown vote."))
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            # A vote on a run that has ended (the body decided, or the draft changed and the
            # vote restarted, while this member's form was open) is not counted.
            decided = Decision.objects.filter(task_state=task_state).exists()
            return self.decided_url(task_state) if decided else None
        Vote.objects.update_or_create(
            task_state=task_state,
            voter=user,
            defaults={
                "choice": action_name,
                "comment": kwargs.get("comment", ""),
                "is_public": kwargs.get("is_public", False),
            },
        )
        if self.decide(task_state, user=user):
            return self.decided_url(task_state)
        return None

    @staticmethod
    def decided_url(task_state):
        return reverse("wagtailadmin_home") + f"?decided={task_state.pk}"

    def decide(self, task_state, user=None):
        """Close the task approved or rejected once the votes make the outcome certain.

        The body decides, not the member whose vote made it certain (``user``): the task state
        is finished by no one, so that neither Wagtail's history nor its e-mail to the editor
        names that member as the one who approved or rejected the draft.
        """
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        tally = self.tally(task_state)
        outcome = self.rule.outcome(tally)
        if outcome:
            Decision.objects.update_or_create(
                task_state=task_state,
                defaults={
                    "outcome": outcome,
                    "members": tally.members,
                    "approve": tally.approve,
                    "reject": tally.reject,
                    "abstain": tally.abstain,
                },
            )
        if outcome == rules.APPROVE:
            task_state.approve(user=None, comment=_("Approved by the vote of the body."))
        elif outcome == rules.REJECT:
            task_state.reject(user=None, comment=_("Rejected by the vote of the body."))
        return outcome


class Vote(models.Model):
    """One member's vote on one run of a collegial decision; a second vote replaces the first."""

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collegial_votes"
    )
    choice = models.CharField(
        _("vote"),
        max_length=10,
        choices=[
            (rules.APPROVE, _("For")),
            (rules.REJECT, _("Against")),
            (rules.ABSTAIN, _("Abstained")),
        ],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    is_public = models.BooleanField(
        _("show my comment publicly"),
        default=False,
        help_text=_(
            "Your comment appears on the draft's public approval trail, without your name."
        ),
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["task_state", "voter"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.voter}: {self.get_choice_display()}"


class Decision(models.Model):
    """The counted result of a collegial decision, kept as it stood when the body decided."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="collegial_decision"
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=[(rules.APPROVE, _("Approved")), (rules.REJECT, _("Rejected"))],
    )
    members = models.PositiveSmallIntegerField(_("members"))
    approve = models.PositiveSmallIntegerField(_("for"))
    reject = models.PositiveSmallIntegerField(_("against"))
    abstain = models.PositiveSmallIntegerField(_("abstained"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.get_outcome_display()} {self.approve}-{self.reject}-{self.abstain}"
