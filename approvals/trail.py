"""A page's public approval trail, built from Wagtail's workflow records.

Each run of a workflow gives "submitted", then one step per task that finished (approved or
sent back), with the vote count of a collegial decision and the comments its members chose
to make public. Names of reviewers are never shown.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Prefetch, Q
from django.db.models.functions import Cast

from wagtail.models import Page, TaskState, WorkflowState

from approvals.models import Vote


@dataclass
class TrailStep:
    """One dated step of the trail."""

    kind: str  # "submitted", "approved", "rejected"
    date: object
    name: str = ""
    is_decision_of_body: bool = False
    decision: object = None
    public_comments: list = field(default_factory=list)
    task_state_id: int | None = None


def approval_trail(page):
    """Steps of every workflow run on ``page`` or on its source in another language.

    One query, and two more when there are runs, however many runs, tasks and votes.
    """
    page_ids = (
        Page.objects.filter(translation_key=page.translation_key)
        .annotate(object_id=Cast("pk", CharField()))
        .values("object_id")
    )
    states = (
        WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk, object_id__in=page_ids
        )
        .order_by("created_at")
        .prefetch_related(
            Prefetch(
                "task_states",
                queryset=TaskState.objects.filter(
                    status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]
                )
                .select_related("task", "collegial_decision")
                .prefetch_related(
                    Prefetch(
                        "votes",
                        queryset=Vote.objects.filter(Q(is_public=True) & ~Q(comment="")),
                        to_attr="public_votes",
                    )
                )
                .order_by("finished_at"),
                to_attr="finished_tasks",
            )
        )
    )
    steps = []
    for state in states:
        steps.append(TrailStep(kind="submitted", date=state.created_at))
        for task_state in state.finished_tasks:
            decision = getattr(task_state, "collegial_decision", None)
            steps.append(
                TrailStep(
                    kind=task_state.status,
                    date=task_state.finished_at,
                    name=task_state.task.name,
                    is_decision_of_body=decision is not None,
                    decision=decision,
                    public_comments=list(task_state.public_votes),
                    task_state_id=task_state.pk,
                )
            )
    return steps
