"""Accounts per role and the steps of the Consultative approval, for the approvals tests.

The accounts are the demo's (``home.demo.accounts.create_demo_accounts``, which ``load_demo
--users`` runs): one per role, the coordinator also coordinating the Economy group, three
reviewers. Steps go through Wagtail's own APIs (``Workflow.start``, ``Task.on_action``) or
through the admin over HTTP, as each test needs.
"""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from approvals.roles import REVIEWERS
from home.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from plans.models import PlanDraftPage

# Role -> the demo account that holds it (the reviewers: reviewer1..3).
ROLE_ACCOUNTS = {
    "editor": "editor",
    "coordinator": "coordinator",
    "reviewer": "reviewer1",
    "moderator": "moderator",
    "translator": "translator",
    "administrator": "administrator",
}
REVIEWER_ACCOUNTS = ("reviewer1", "reviewer2", "reviewer3")


def create_accounts(site_data):
    """The demo's accounts, one per role; returns ``{username: user}``."""
    from django.contrib.auth import get_user_model

    create_demo_accounts(site_data.lt["group"])
    users = get_user_model().objects.filter(
        username__in=[*ROLE_ACCOUNTS.values(), *REVIEWER_ACCOUNTS]
    )
    return {user.username: user for user in users}


def lt(message, **values):
    """``message`` as the admin shows it: in Lithuanian, the site's (and the admin's) language."""
    with translation.override("lt"):
        text = str(translation.gettext(message))
        return text % {key: str(value) for key, value in values.items()} if values else text


def login(client, user):
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def fresh(page):
    """The page as stored now (workflow properties are read from the database)."""
    return Page.objects.get(pk=page.pk).specific


def section(heading, text):
    return ("section", {"heading": heading, "body": [("paragraph", rich_text_value(text))]})


def rich_text_value(text):
    from wagtail.rich_text import RichText

    return RichText(f"<p>{text}</p>")


# --- The workflow through Wagtail's API -------------------------------------------------


def submit(page, user):
    """The editor saves a revision and submits it to the page's workflow."""
    page = fresh(page)
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def current_task_state(page):
    return fresh(page).current_workflow_task_state.specific


def act(page, user, action, **data):
    """``user`` takes ``action`` on the page's current task, as the workflow view does."""
    task_state = current_task_state(page)
    task_state.task.specific.on_action(task_state, user, action, **data)
    return TaskState.objects.get(pk=task_state.pk).specific


def approve_task1(page, coordinator):
    return act(page, coordinator, "approve", comment="")


def vote(page, reviewer, choice, comment="", is_public=False):
    return act(page, reviewer, choice, comment=comment, is_public=is_public)


def run_to_decision(page, users, votes, comment=""):
    """Submit as the editor, approve task 1 as the coordinator, then the reviewers vote.

    ``votes`` is a list of choices, given by reviewer1, reviewer2, ... in turn; returns the
    decision's task state.
    """
    submit(page, users["editor"])
    approve_task1(page, users["coordinator"])
    task_state = current_task_state(page)
    for username, choice in zip(REVIEWER_ACCOUNTS, votes, strict=False):
        vote(page, users[username], choice, comment=comment)
    return TaskState.objects.get(pk=task_state.pk).specific


# --- The admin over HTTP ----------------------------------------------------------------


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def post_vote(client, page, task_state, choice, comment="", is_public=False):
    data = {"comment": comment}
    if is_public:
        data["is_public"] = "on"
    return client.post(workflow_action_url(page, choice, task_state), data)


def draft_form_data(page, **changes):
    """The POST data of the plan draft's edit form: its stored content with ``changes``.

    ``changes`` may give ``title``, ``summary``, ``version_label``, ``change_note`` (a note is
    required on submit: the stored one, else a plain one) and ``sections`` (a list of
    ``(heading, text)``) and ``council_steps`` (a list of dicts of the inline's fields).
    """
    page = page.specific
    sections = changes.pop("sections", None)
    if sections is None:
        sections = [
            (block.value["heading"], _text_of(block.value["body"])) for block in page.sections
        ]
    council_steps = changes.pop("council_steps", [])
    data = {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "change_note": page.change_note or "Patikslintas projekto tekstas.",
        "stage": page.stage,
        "summary": page.summary,
        "sections": streamfield(
            [
                (
                    "section",
                    {
                        "heading": heading,
                        "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
                    },
                )
                for heading, text in sections
            ]
        ),
        "plan_tree": streamfield([]),
        "consultation_opens": "",
        "consultation_closes": "",
        "comments_open": "on",
        "documents": inline_formset([]),
        "council_steps": inline_formset(council_steps),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def _text_of(body):
    from django.utils.html import strip_tags

    return " ".join(strip_tags(str(child.value.source)) for child in body)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def reviewers_group():
    from django.contrib.auth.models import Group

    return Group.objects.get(name=REVIEWERS)


def new_draft(site_data, title="Plano projektas 0.2", **kwargs):
    """A never-published draft under the plan index (as an editor writes it in the admin)."""
    from tests.factories import PlanDraftPageFactory

    kwargs.setdefault("sections", [section("Vizija", "Alytus žalias miestas.")])
    draft = PlanDraftPageFactory(
        parent=site_data.lt["plan_index"], title=title, live=False, **kwargs
    )
    return PlanDraftPage.objects.get(pk=draft.pk)
