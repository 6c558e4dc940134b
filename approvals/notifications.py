"""E-mails of a collegial decision: to the members when a draft awaits their vote, and to the
submitter and the earlier reviewers when the body has decided (Wagtail mails neither)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import TaskState


def _admin_url(task_state):
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "wagtailadmin_pages:edit", args=[task_state.workflow_state.object_id]
    )


def _send(template, context, recipients):
    """One message per recipient, in the site's language (the reviewers' working language)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"approvals/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"approvals/emails/{template}.txt", context)
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in recipients],
        fail_silently=False,
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
    context = {
        "page": workflow_state.content_object,
        "task": task,
        "approved": task_state.status == TaskState.STATUS_APPROVED,
        "tally": task.tally(task_state),
        "admin_url": _admin_url(task_state),
        "public_comments": task_state.votes.filter(is_public=True).exclude(comment=""),
    }
    _send("decision_made", context, recipients)
