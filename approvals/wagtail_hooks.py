"""Admin: tell an editor when their edit restarted the Consultative group's vote."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import TaskState

from approvals.models import CollegialDecisionTask


@hooks.register("before_edit_page")
def note_edit_start(request, page):
    request.edit_started_at = timezone.now()


@hooks.register("after_edit_page")
def warn_when_the_vote_restarted(request, page):
    started = getattr(request, "edit_started_at", None)
    restarted = TaskState.objects.for_instance(page).filter(
        status=TaskState.STATUS_CANCELLED,
        finished_at__gte=started,
        task__in=CollegialDecisionTask.objects.all(),
    )
    if started and restarted.exists():
        messages.warning(
            request,
            _(
                "You changed the draft while the Consultative group was voting: the vote has "
                "started again on the new text and the members have been told."
            ),
        )
