"""Who may cancel (or restart) a page's approval: the person who submitted it, or an
administrator.

Wagtail lets anyone whose current task offers "approve" cancel the whole workflow
(``WorkflowState.user_can_cancel``), and the page's owner too: one member of the
Consultative group could throw away the coordinator's approval and every vote cast. The
members of the reviewing groups approve, reject or vote; they do not end the procedure.
``approvals.wagtail_hooks`` holds every admin route that cancels or restarts a workflow to
this rule (the page editor's POST actions, its revision-revert form; the workflow action
views offer no cancel action; disabling a workflow or a task takes an administrator's model
permissions).
"""

from approvals.roles import ADMINISTRATORS

CANCELLING_ACTIONS = ("action-cancel-workflow", "action-restart-workflow")


def is_administrator(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def may_cancel(workflow_state, user):
    """Whether ``user`` may cancel or restart ``workflow_state``."""
    return user.is_active and (workflow_state.requested_by_id == user.pk or is_administrator(user))
