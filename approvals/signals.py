"""Workflow plumbing: section permissions on new pages, restarting a decision when the draft
changes, and the e-mails Wagtail does not send for a collegial decision."""

from django.db.models.signals import post_save
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
def restart_decision_on_edit(sender, instance, created, **kwargs):
    """A new revision during a collegial decision starts the vote again on the new text."""
    if not created:
        return
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=instance.base_content_type_id,
            workflow_state__object_id=instance.object_id,
            status=TaskState.STATUS_IN_PROGRESS,
        )
        .exclude(revision=instance)
        .select_related("task")
        .first()
    )
    if task_state and _collegial(task_state):
        task_state.cancel(user=instance.user, resume=True)


@receiver(task_submitted)
def tell_members_a_draft_awaits_them(sender, instance, user=None, **kwargs):
    if task := _collegial(instance):
        notifications.awaiting_vote(instance, task)


@receiver(task_approved)
@receiver(task_rejected)
def tell_submitter_and_earlier_reviewers(sender, instance, user=None, **kwargs):
    if task := _collegial(instance):
        notifications.decision_made(instance, task)
