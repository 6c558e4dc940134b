"""Admin: the vote in the page editor, what members and editors are told about the vote,
and who may cancel a page's approval."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, CancelWorkflowMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page, TaskState, WorkflowState

from approvals.cancellation import CANCELLING_ACTIONS, may_cancel, workflows_in_the_way
from approvals.models import CollegialDecisionTask, Decision, Vote
from approvals.names import WORKFLOW_LOG_ACTIONS, TranslatedNamesFormatter
from approvals.rules import APPROVE
from approvals.translations import ApprovedSourceTranslationMixin
from approvals.views import PublishingUpdateTranslationsView


@hooks.register("register_admin_urls", order=-100)
def hold_translation_updates_to_the_publishing_rules():
    """Before wagtail-localize's own URLs: this view answers at the address of its
    "Sync translated pages" (``reverse("wagtail_localize:update_translations")``)."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            PublishingUpdateTranslationsView.as_view(),
            name="approvals_update_translations",
        )
    ]


@hooks.register("register_log_actions", order=100)
def show_workflow_names_translated_in_history(actions):
    """After Wagtail's own log actions (order 0): their workflow messages, names translated."""
    for action in WORKFLOW_LOG_ACTIONS:
        if action in actions.formatters:
            actions.formatters[action] = TranslatedNamesFormatter(actions.formatters[action])


@hooks.register("insert_editor_js")
def name_the_tabs_with_errors():
    """When a page cannot be saved or published, the error message names the tabs that hold
    the fields to correct (approvals/static/approvals/tab_errors.js)."""
    return format_html(
        '<script src="{}" data-tabs-message="{}"></script>',
        static("approvals/tab_errors.js"),
        _("Correct the fields marked in red, on these tabs: %(tabs)s."),
    )


@hooks.register("before_edit_page", order=-90)
def refuse_publishing_an_unapproved_translation(request, page):
    """The page editor's Publish and wagtail-localize's "Publish in ..." (its editor posts
    ``action=publish`` to the edit view), refused with the reason before anything is saved."""
    if request.method != "POST" or not isinstance(page, ApprovedSourceTranslationMixin):
        return None
    if not (request.POST.get("action-publish") or request.POST.get("action") == "publish"):
        return None
    refusal = page.publication_refusal()
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_create_page", order=-90)
def write_plan_drafts_in_lithuanian(request, parent_page, page_class):
    """Such pages reach other languages only as translations of an approved original."""
    if not issubclass(page_class, ApprovedSourceTranslationMixin):
        return None
    if parent_page.locale_id == Locale.get_default().pk:
        return None
    messages.error(
        request,
        _(
            "Pages of this type are written in Lithuanian and reach other languages only as "
            "translations: translate the Lithuanian page instead."
        ),
    )
    return redirect("wagtailadmin_explore", parent_page.pk)


@hooks.register("before_edit_page", order=-100)
def only_the_requester_or_an_administrator_cancels(request, page):
    """The page editor's cancel and restart actions (and those of its revision-revert form),
    held to ``approvals.cancellation``; before any other hook, whatever else the POST asks."""
    if request.method != "POST" or not any(request.POST.get(a) for a in CANCELLING_ACTIONS):
        return None
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return None
    if not may_cancel(workflow_state, request.user):
        messages.error(
            request,
            _(
                "Only the person who submitted this page for approval, or an administrator, "
                "can cancel or restart its approval. Reviewers approve or reject it."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.POST.get("action-cancel-workflow") and not workflow_state.user_can_cancel(
        request.user
    ):
        # An administrator who has no task in the workflow: Wagtail's edit view would ignore
        # the action (and save the form instead), so cancel here, without saving the form.
        workflow_state.cancel(user=request.user)
        messages.success(
            request,
            _("The approval of “%(title)s” has been cancelled.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def refuse_deleting_an_approval(request, pages):
    if not workflows_in_the_way(pages, request.user):
        return None
    messages.error(
        request,
        _(
            "This page is awaiting approval: only the person who submitted it, or an "
            "administrator, can delete it (and its approval with it)."
        ),
    )
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)


@hooks.register("before_delete_page")
def only_the_requester_or_an_administrator_deletes_a_page_under_approval(request, page):
    return refuse_deleting_an_approval(request, [page])


@hooks.register("before_bulk_action")
def nor_in_bulk(request, action_type, objects, action_class_instance):
    pages = [page for page in objects if isinstance(page, Page)]
    if action_type == "delete" and pages:
        return refuse_deleting_an_approval(request, pages)
    return None


@hooks.register("construct_page_action_menu")
def offer_cancelling_to_whom_may_cancel(menu_items, request, context):
    """The editor's menu offers cancel and restart exactly to whom the server allows them."""
    page = context.get("page")
    if context.get("view") != "edit" or page is None:
        return
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return
    if not may_cancel(workflow_state, request.user):
        menu_items[:] = [item for item in menu_items if item.name not in CANCELLING_ACTIONS]
    elif not any(item.name == "action-cancel-workflow" for item in menu_items):
        menu_items.append(CancelWorkflowMenuItem(order=900))


@hooks.register("before_edit_page")
def note_edit_start(request, page):
    request.edit_started_at = timezone.now()


@hooks.register("after_edit_page", order=100)
def stay_on_the_page_after_a_workflow_action(request, page):
    """Whoever approves or requests changes in the page editor lands back on the page (read
    only once it has moved on to the Consultative group), not, as Wagtail sends them, in the
    explorer of its parent section, which a coordinator may not open."""
    if not request.POST.get("action-workflow-action") or get_valid_next_url_from_request(request):
        return None
    page = Page.objects.get(pk=page.pk).specific
    title = page.get_admin_display_title()
    task = page.current_workflow_task
    if task is not None:
        messages.info(
            request,
            _("“%(title)s” now awaits the next step: %(task)s.")
            % {"title": title, "task": task.name},
        )
    elif (
        getattr(page.workflow_states.order_by("-created_at").first(), "status", None)
        == WorkflowState.STATUS_NEEDS_CHANGES
    ):
        messages.info(
            request, _("“%(title)s” goes back to its editor for changes.") % {"title": title}
        )
    if page.permissions_for_user(request.user).can_edit():
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_home")


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


@hooks.register("before_edit_page")
def tell_a_member_their_vote(request, page):
    """A member who opens the draft during the decision sees the vote they have cast (after
    voting, the admin returns here), or that the vote started again on a changed text."""
    task_state = page.current_workflow_task_state
    if request.method != "GET" or not task_state:
        return
    task = task_state.task.specific
    if not isinstance(task, CollegialDecisionTask) or not task.is_member(request.user):
        return
    vote = Vote.objects.filter(task_state=task_state, voter=request.user).first()
    if vote:
        messages.info(
            request,
            _("Your vote: %(vote)s. You can change it until the body has decided.")
            % {"vote": vote.get_choice_display()},
        )
    elif Vote.objects.filter(
        task_state__workflow_state=task_state.workflow_state,
        task_state__status=TaskState.STATUS_CANCELLED,
        voter=request.user,
    ).exists():
        messages.warning(
            request,
            _(
                "The draft was changed after you voted, so the vote has started again on the "
                "new text: please read it and vote again."
            ),
        )


@hooks.register("construct_homepage_panels")
def tell_the_last_voter_the_decision(request, panels):
    """After the vote that decided, the member lands on the dashboard: say what was decided."""
    decided = request.GET.get("decided", "")
    if not decided.isdigit():
        return
    decision = (
        Decision.objects.filter(task_state_id=decided, task_state__votes__voter=request.user)
        .select_related("task_state__workflow_state")
        .first()
    )
    if not decision:
        return
    title = decision.task_state.workflow_state.content_object.get_admin_display_title()
    counts = {
        "title": title,
        "approve": decision.approve,
        "reject": decision.reject,
        "abstain": decision.abstain,
    }
    if decision.outcome == APPROVE:
        text = _(
            "Your vote decided: the body has approved “%(title)s” (%(approve)s for, "
            "%(reject)s against, %(abstain)s abstained)."
        )
    else:
        text = _(
            "Your vote decided: the body has not approved “%(title)s” (%(approve)s for, "
            "%(reject)s against, %(abstain)s abstained); it goes back to the editor."
        )
    messages.success(request, text % counts)


class VoteMenuItem(ActionMenuItem):
    """A vote in the page editor's action menu, for a member of the deciding body.

    Members read the draft locked (they decide on it, they do not edit it), and Wagtail hides
    workflow actions on a locked page; so the vote goes, as on the dashboard, through a modal
    to the workflow action view rather than through the edit form.
    """

    template_name = "approvals/vote_menu_item.html"

    def __init__(self, name, label, icon_name, task_state, with_script, order):
        self.name, self.label, self.icon_name = name, label, icon_name
        self.task_state, self.with_script = task_state, with_script
        super().__init__(order=order)

    def get_url(self, parent_context):
        return reverse(
            "wagtailadmin_pages:workflow_action",
            args=[parent_context["page"].pk, self.name, self.task_state.pk],
        )

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "with_script": self.with_script}


VOTE_ICONS = {"approve": "success", "reject": "cross", "abstain": "minus"}


@hooks.register("construct_page_action_menu")
def offer_members_their_vote(menu_items, request, context):
    page = context.get("page")
    if context.get("view") != "edit" or page is None:
        return
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, CollegialDecisionTask) or not task.is_member(request.user):
        return
    if not context.get("locked_for_user"):
        return  # Wagtail shows the actions itself (e.g. a superuser who is a member)
    votes = [
        VoteMenuItem(name, label, VOTE_ICONS.get(name, "edit"), task_state, n == 0, order=n)
        for n, (name, label, _modal) in enumerate(task.get_actions(page, request.user))
    ]
    menu_items[:0] = votes
