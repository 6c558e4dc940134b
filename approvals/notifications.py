"""E-mails of a collegial decision: to the members when a draft awaits their vote, and to the
submitter and the earlier reviewers when the body has decided (Wagtail mails neither).

Every workflow e-mail, ours and Wagtail's, is written in its recipient's language: the admin
language of their account preferences, else the site's (``recipient_language``). Its links
are absolute, on the site's address ``WAGTAILADMIN_BASE_URL`` (``absolute_url``): the admin's
pages and the public page alike, whatever host the Site record names.

A notification never breaks the workflow action that sends it: a message that cannot be
built or sent is logged (how many recipients missed it, not who) and the action completes.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from core.titles import without_control_characters

logger = logging.getLogger(__name__)


def recipient_language(user):
    """The language of ``user``'s admin (their preference), else the site's language."""
    preferred = UserProfile.get_for_user(user).preferred_language
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute_url(path):
    """``path`` (``/admin/...``, ``/lt/planas/...``) on the site's address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_address(page):
    """The public address of ``page`` (its language's path on the site), or ``""``."""
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts and parts[2] else ""


def _admin_url(task_state):
    return absolute_url(
        reverse("wagtailadmin_pages:edit", args=[task_state.workflow_state.object_id])
    )


def _send(template, context, recipients):
    """One message per recipient, in the recipient's language."""
    if not recipients:
        return
    try:
        messages, rendered = [], {}
        for user in recipients:
            language = recipient_language(user)
            if language not in rendered:
                with translation.override(language):
                    subject = render_to_string(f"approvals/emails/{template}_subject.txt", context)
                    body = render_to_string(f"approvals/emails/{template}.txt", context)
                rendered[language] = (without_control_characters(subject.strip()), body)
            subject, body = rendered[language]
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        send_mass_mail(messages, fail_silently=False)
    except Exception as error:
        # Not logger.exception: the traceback may hold the recipients' addresses.
        logger.error(
            "The %s e-mail could not be sent (%d recipients): %s",
            template,
            len(recipients),
            type(error).__name__,
        )


def _with_email(users):
    seen, result = set(), []
    for user in users:
        if user and user.email and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


def awaiting_vote(task_state, task):
    page = task_state.workflow_state.content_object
    context = {
        "page": page,
        "title": without_control_characters(page.title),
        "task": task,
        "submitter": task_state.workflow_state.requested_by,
        "admin_url": _admin_url(task_state),
        "members": task.members().count(),
        "quorum": task.rule.quorum_size(task.members().count()),
    }
    _send("awaiting_vote", context, _with_email(task.members()))


def decision_made(task_state, task):
    workflow_state = task_state.workflow_state
    earlier = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
        .exclude(pk=task_state.pk)
        .select_related("finished_by")
    )
    recipients = _with_email(
        [workflow_state.requested_by, *(state.finished_by for state in earlier)]
    )
    page = workflow_state.content_object
    context = {
        "page": page,
        "title": without_control_characters(page.title),
        "task": task,
        "approved": task_state.status == TaskState.STATUS_APPROVED,
        "tally": task.tally(task_state),
        "admin_url": _admin_url(task_state),
        "page_url": page_address(page),
        "public_comments": task_state.votes.filter(is_public=True).exclude(comment=""),
    }
    _send("decision_made", context, recipients)


def never_failing(notifier):
    """One of Wagtail's workflow e-mail notifiers as a signal receiver that logs a failure
    (its connection to the mail server is opened outside Wagtail's own error handling).

    Wagtail writes to each recipient in their preferred admin language, or else in the
    language of the request that triggers the e-mail: here, as ours, in the site's."""

    def receiver(sender, instance=None, **kwargs):
        try:
            with translation.override(settings.LANGUAGE_CODE):
                return notifier(instance=instance, **kwargs)
        except Exception as error:
            try:
                count = len(notifier.get_valid_recipients(instance, **kwargs))
            except Exception:
                count = "?"
            logger.error(
                "Wagtail's %s e-mail could not be sent (%s recipients): %s",
                notifier.notification,
                count,
                type(error).__name__,
            )
            return False

    return receiver


def guard_wagtail_workflow_mail():
    """Put Wagtail's workflow e-mails behind ``never_failing``, under Wagtail's own receiver
    ids: whichever of the two apps connects first, Wagtail's unguarded receiver is not there."""
    from wagtail.admin import signal_handlers
    from wagtail.models import WorkflowState
    from wagtail.signals import (
        task_submitted,
        workflow_approved,
        workflow_rejected,
        workflow_submitted,
    )

    for signal, sender, dispatch_uid, notifier in (
        (
            task_submitted,
            TaskState,
            "group_approval_task_submitted_email_notification",
            signal_handlers.task_submission_email_notifier,
        ),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
            signal_handlers.workflow_submission_email_notifier,
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
            signal_handlers.workflow_rejection_email_notifier,
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
            signal_handlers.workflow_approval_email_notifier,
        ),
    ):
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            never_failing(notifier), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )
