"""Workflow plumbing: section permissions on new pages, restarting a decision when the draft
changes, and the e-mails Wagtail does not send for a collegial decision."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from wagtail.models import Revision, TaskState
from wagtail.signals import task_approved, task_rejected, task_submitted

from approvals import notifications, roles
from approvals.models import CollegialDecisionTask


def _collegial(task_state):
    task = task_state.task.specific
    return task if isinstance(task, CollegialDecisionTask) else None


@receiver(post_save)
def configure_new_pages(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    label = sender._meta.label_lower
    if label in roles.SECTIONS:
        roles.configure_section(instance)
    elif label == "home.homepage":
        roles.configure_translated_home(instance)
    elif label == "workinggroups.workinggrouppage":
        roles.configure_working_group(instance)


@receiver(post_save, sender=Revision)
def restart_decision_on_edit(sender, instance, created, update_fields=None, **kwargs):
    """A changed text during a collegial decision starts the vote again on the new text.

    The text changes with a new revision, or when the admin's autosave overwrites the
    revision the members are voting on (only if some have voted: autosaving before anyone
    has voted changes nothing they decided on).
    """
    if not created and update_fields is not None:
        return  # e.g. publishing stamps approved_go_live_at: the text is the same
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=instance.base_content_type_id,
            workflow_state__object_id=instance.object_id,
            status=TaskState.STATUS_IN_PROGRESS,
        )
        .select_related("task", "workflow_state")
        .first()
    )
    if not task_state or not _collegial(task_state):
        return
    if created:
        changed = task_state.revision_id != instance.pk
    else:
        changed = task_state.revision_id == instance.pk and task_state.votes.exists()
    if not changed:
        return
    # The page records a new revision as its latest only after this signal: the restarted
    # task must be on this revision, not on the one the members were voting on.
    task_state.workflow_state.content_object.latest_revision = instance
    task_state.cancel(user=instance.user, resume=True)


def recount_open_decisions():
    """Ask the rule again on every open decision, with the body's members as they are now."""
    open_decisions = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__in=CollegialDecisionTask.objects.all()
    ).select_related("task")
    for task_state in open_decisions:
        with transaction.atomic():
            task_state.task.specific.decide(task_state)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def recount_when_membership_changes(sender, action, **kwargs):
    """A member who leaves the body no longer counts, and may leave the outcome certain."""
    if action in ("post_add", "post_remove", "post_clear"):
        recount_open_decisions()


@receiver(post_save, sender=get_user_model())
def recount_when_a_member_is_deactivated(sender, instance, created, update_fields=None, **kwargs):
    changed = update_fields is None or "is_active" in update_fields
    if not created and changed and not instance.is_active:
        recount_open_decisions()


@receiver(task_submitted)
def tell_members_a_draft_awaits_them(sender, instance, user=None, **kwargs):
    if task := _collegial(instance):
        notifications.awaiting_vote(instance, task)


@receiver(task_approved)
@receiver(task_rejected)
def tell_submitter_and_earlier_reviewers(sender, instance, user=None, **kwargs):
    if task := _collegial(instance):
        notifications.decision_made(instance, task)
