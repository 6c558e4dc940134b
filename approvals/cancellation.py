"""Who may cancel (or restart) a page's approval: the person who submitted it, or an
administrator.

Wagtail lets anyone whose current task offers "approve" cancel the whole workflow
(``WorkflowState.user_can_cancel``), and the page's owner too: one member of the
Consultative group could throw away the coordinator's approval and every vote cast. The
members of the reviewing groups approve, reject or vote; they do not end the procedure.
``approvals.wagtail_hooks`` holds every admin route that cancels or restarts a workflow to
this rule: the page editor's POST actions and its revision-revert form; deleting a page
(alone or in bulk), which throws its workflow away with it. The workflow action views offer
no cancel action; publishing (which cancels a workflow) and disabling a workflow or a task
take an administrator's permissions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page, WorkflowState

from approvals.roles import ADMINISTRATORS

CANCELLING_ACTIONS = ("action-cancel-workflow", "action-restart-workflow")


def is_administrator(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def may_cancel(workflow_state, user):
    """Whether ``user`` may cancel or restart ``workflow_state``."""
    return user.is_active and (workflow_state.requested_by_id == user.pk or is_administrator(user))


def workflows_in_the_way(pages, user):
    """The active workflows on ``pages`` (or below them) that ``user`` may not cancel."""
    subtrees = Q()
    for page in pages:
        subtrees |= Q(path__startswith=page.path)
    page_ids = Page.objects.filter(subtrees).values_list("pk", flat=True)
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )
    return [state for state in states if not may_cancel(state, user)]
