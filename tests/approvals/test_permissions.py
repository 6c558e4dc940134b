"""Who may do what with a plan draft: every role, and an anonymous visitor, × every action.

The table below is the contract; each column is checked through the real admin or public
views with the Django test client logged in as the demo account of that role (anonymous: no
login), in every workflow state the column names, and each attempt is rolled back before the
next. A cell says where the action is allowed:

    Y    yes, in every state checked
    N    no, in none
    T1   only while the draft awaits the working-group review (task 1)
    T2   only while it awaits the Consultative group's decision (task 2)
    NT1  except while it awaits task 1 (Wagtail locks the draft for everyone but the
         coordinators during their review)
    T1R  while it awaits task 1, and, read only, task 2 for the coordinator who approved
         task 1 (they land back on the page they approved and follow the vote)

Reviewers open the draft in the editor during their vote (the task grants it), but Wagtail's
history and revision-comparison views also demand a page permission of their own, which
reviewers do not have: they compare published versions on the public site.

States: "idle" (live, no workflow), "task 1", "task 2". Columns checked in one state only
(submitting, approving, voting...) are checked in the state where the action makes sense.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.test.utils import WagtailTestUtils

from approvals.models import Vote
from approvals.roles import COMMENT_MODERATORS
from plans.models import PlanDraftPage
from tests.approvals.helpers import (
    approve_task1,
    create_accounts,
    current_task_state,
    draft_form_data,
    edit_url,
    fresh,
    new_draft,
    section,
    submit,
    workflow_action_url,
)
from tests.factories import build_site

ROLES = ("editor", "coordinator", "reviewer", "moderator", "translator", "administrator", None)
ROLE_NAMES = {
    "editor": "Editors",
    "coordinator": "Working-group coordinators (also of the Economy group)",
    "reviewer": "Consultative reviewers",
    "moderator": "Comment moderators",
    "translator": "Translators",
    "administrator": "Administrators",
    None: "anonymous",
}
IDLE, TASK_1, TASK_2 = "idle", "task 1", "task 2"
ALL_STATES = (IDLE, TASK_1, TASK_2)
Y, N, T1, T2, NT1 = "yes", "no", "task 1", "task 2", "not task 1"
T1R = "task 1, then read only"

# fmt: off
# action                           states      edit  coord rev   mod   trans admin anon
MATRIX = {
    "view draft (public page)":     (IDLE,       Y,    Y,    Y,    Y,    Y,    Y,    Y),
    "view draft (admin editor)":    (ALL_STATES, Y,    T1R,  T2,   N,    N,    Y,    N),
    "edit (save a revision)":       (ALL_STATES, NT1,  T1,   N,    N,    N,    NT1,  N),
    "submit for approval":          (IDLE,       Y,    N,    N,    N,    N,    Y,    N),
    "approve task 1":               (TASK_1,     N,    Y,    N,    N,    N,    N,    N),
    "vote (task 2)":                (TASK_2,     N,    N,    Y,    N,    N,    N,    N),
    "publish":                      (IDLE,       N,    N,    N,    N,    N,    Y,    N),
    "view revisions (history)":     (ALL_STATES, Y,    T1R,  N,    N,    N,    Y,    N),
    "compare versions (public)":    (IDLE,       Y,    Y,    Y,    Y,    Y,    Y,    Y),
    "compare revisions (admin)":    (ALL_STATES, Y,    T1R,  N,    N,    N,    Y,    N),
    "delete a published draft":     (IDLE,       N,    N,    N,    N,    N,    Y,    N),
    "delete an unpublished draft":  (IDLE,       Y,    N,    N,    N,    N,    Y,    N),
    "translate into English":       (IDLE,       N,    N,    N,    N,    Y,    Y,    N),
    "edit the English translation": (IDLE,       N,    N,    N,    N,    Y,    Y,    N),
    "moderate comments":            (IDLE,       N,    N,    N,    Y,    N,    Y,    N),
}
# fmt: on

CELL_STATES = {
    "yes": set(ALL_STATES),
    "no": set(),
    "task 1": {TASK_1},
    "task 2": {TASK_2},
    "not task 1": {IDLE, TASK_2},
    "task 1, then read only": {TASK_1, TASK_2},
}


def expected(action, role, state):
    states, *cells = MATRIX[action]
    return state in CELL_STATES[cells[ROLES.index(role)]]


def states_of(action):
    states = MATRIX[action][0]
    return states if isinstance(states, tuple) else (states,)


def matrix_as_markdown():
    """The table as the closing note quotes it."""
    header = ["action", *(ROLE_NAMES[role] for role in ROLES)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for action, (_states, *cells) in MATRIX.items():
        lines.append("| " + " | ".join([action, *cells]) + " |")
    return "\n".join(lines)


class PermissionMatrixTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_data = build_site()
        cls.accounts = create_accounts(cls.site_data)
        cls.draft = cls.site_data.lt["draft"]
        admin = cls.accounts["administrator"]
        # Two published versions, for the public comparison.
        for n, text in enumerate(("Pirmasis tekstas.", "Antrasis, pataisytas tekstas.")):
            page = fresh(cls.draft)
            page.sections = [section("Vizija", text)]
            page.save_revision(user=admin).publish(user=admin)
            if n == 0:
                cls.first_revision = page.latest_revision
        cls.second_revision = fresh(cls.draft).latest_revision

    # --- the harness ------------------------------------------------------------------

    def user(self, role):
        return None if role is None else self.accounts[{"reviewer": "reviewer1"}.get(role, role)]

    def enter(self, state):
        """Put the draft in ``state``: the editor submits it, the coordinator approves task 1."""
        if state in (TASK_1, TASK_2):
            submit(self.draft, self.accounts["editor"])
        if state == TASK_2:
            approve_task1(self.draft, self.accounts["coordinator"])

    def attempt(self, role, state, check):
        """Whether ``role`` may do ``check`` in ``state``; everything is rolled back after."""
        savepoint = transaction.savepoint()
        try:
            self.client.logout()
            self.enter(state)
            if role is not None:
                self.client.force_login(self.user(role))
            return check(self.user(role))
        finally:
            transaction.savepoint_rollback(savepoint)

    def assert_column(self, action, check):
        for role in ROLES:
            for state in states_of(action):
                with self.subTest(action=action, role=ROLE_NAMES[role], state=state):
                    allowed = self.attempt(role, state, check)
                    self.assertEqual(
                        allowed,
                        expected(action, role, state),
                        f"{ROLE_NAMES[role]} / {action} / {state}",
                    )

    def status(self, url):
        return self.client.get(url).status_code

    # --- one test per column ----------------------------------------------------------

    def test_view_draft_on_the_public_site(self):
        self.assert_column(
            "view draft (public page)", lambda user: self.status(self.draft.url) == 200
        )

    def test_view_draft_in_the_admin(self):
        self.assert_column(
            "view draft (admin editor)", lambda user: self.status(edit_url(self.draft)) == 200
        )

    def test_edit(self):
        def check(user):
            page = fresh(self.draft)
            before = page.revisions.count()
            self.client.post(edit_url(page), draft_form_data(page, summary="Pataisyta."))
            return page.revisions.filter(user=user).count() > 0 and (
                page.revisions.count() > before
            )

        self.assert_column("edit (save a revision)", check)

    def test_submit(self):
        def check(user):
            page = fresh(self.draft)
            data = draft_form_data(page, version_label="0.2")
            self.client.post(edit_url(page), {**data, "action-submit": "1"})
            return WorkflowState.objects.filter(object_id=str(page.pk)).exists()

        self.assert_column("submit for approval", check)

    def test_approve_task_1(self):
        def check(user):
            task_state = current_task_state(self.draft)
            self.client.post(workflow_action_url(self.draft, "approve", task_state), {})
            return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED

        self.assert_column("approve task 1", check)

    def test_vote(self):
        def check(user):
            task_state = current_task_state(self.draft)
            self.client.post(workflow_action_url(self.draft, "approve", task_state), {})
            return Vote.objects.filter(task_state=task_state).exists()

        self.assert_column("vote (task 2)", check)

    def test_publish(self):
        def check(user):
            page = fresh(self.draft)
            live_revision = page.live_revision_id
            self.client.post(
                edit_url(page), {**draft_form_data(page, title="Nauja"), "action-publish": "1"}
            )
            page = fresh(self.draft)
            return page.live_revision_id != live_revision and page.title == "Nauja"

        self.assert_column("publish", check)

    def test_view_revisions(self):
        url = reverse("wagtailadmin_pages:history", args=[self.draft.pk])
        self.assert_column("view revisions (history)", lambda user: self.status(url) == 200)

    def test_compare_published_versions_on_the_public_site(self):
        url = (
            self.draft.url
            + f"versions/compare/?from={self.first_revision.pk}&to={self.second_revision.pk}"
        )

        def check(user):
            response = self.client.get(url)
            return response.status_code == 200 and b"<ins>" in response.content

        self.assert_column("compare versions (public)", check)

    def test_compare_revisions_in_the_admin(self):
        url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.draft.pk, self.first_revision.pk, self.second_revision.pk],
        )
        self.assert_column("compare revisions (admin)", lambda user: self.status(url) == 200)

    def test_delete_a_published_draft(self):
        def check(user):
            self.client.post(reverse("wagtailadmin_pages:delete", args=[self.draft.pk]))
            return not Page.objects.filter(pk=self.draft.pk).exists()

        self.assert_column("delete a published draft", check)

    def test_delete_an_unpublished_draft(self):
        def check(user):
            unpublished = new_draft(self.site_data, title="Neskelbtas projektas")
            self.client.post(reverse("wagtailadmin_pages:delete", args=[unpublished.pk]))
            return not Page.objects.filter(pk=unpublished.pk).exists()

        self.assert_column("delete an unpublished draft", check)

    def test_translate(self):
        english = Locale.objects.get(language_code="en")

        def check(user):
            source = new_draft(self.site_data, title="Projektas vertimui")
            self.client.post(
                reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
                {"locales": [english.pk]},
            )
            return PlanDraftPage.objects.filter(
                translation_key=source.translation_key, locale=english
            ).exists()

        self.assert_column("translate into English", check)

    def test_edit_the_english_translation(self):
        english_draft = self.site_data.en["draft"]
        self.assert_column(
            "edit the English translation",
            lambda user: self.status(edit_url(english_draft)) == 200,
        )

    def test_moderate_comments(self):
        url = reverse("feedback_admin:queue")
        self.assert_column("moderate comments", lambda user: self.status(url) == 200)

    # --- the same rules through Wagtail's permission APIs ----------------------------

    def test_wagtails_permission_apis_agree_with_the_table(self):
        page = fresh(self.draft)
        for role in ROLES[:-1]:
            user = self.user(role)
            perms = page.permissions_for_user(user)
            with self.subTest(role=role):
                self.assertEqual(perms.can_publish(), expected("publish", role, IDLE))
                self.assertEqual(
                    perms.can_delete(), expected("delete a published draft", role, IDLE)
                )
                self.assertEqual(
                    perms.can_edit(), expected("view draft (admin editor)", role, IDLE)
                )
                # Wagtail's can_submit_for_moderation() leaves "may edit" to the edit view.
                self.assertEqual(
                    perms.can_edit() and perms.can_submit_for_moderation(),
                    expected("submit for approval", role, IDLE),
                )

    def test_the_tasks_offer_their_actions_to_their_own_members_only(self):
        submit(self.draft, self.accounts["editor"])
        review = current_task_state(self.draft).task.specific
        approve_task1(self.draft, self.accounts["coordinator"])
        decision = current_task_state(self.draft).task.specific
        page = fresh(self.draft)
        for role in ROLES[:-1]:
            user = self.user(role)
            with self.subTest(role=role):
                self.assertEqual(
                    "approve" in [name for name, *_ in review.get_actions(page, user)],
                    expected("approve task 1", role, TASK_1),
                )
                self.assertEqual(
                    [name for name, *_ in decision.get_actions(page, user)],
                    ["approve", "reject", "abstain"] if role == "reviewer" else [],
                )

    def test_the_reviewers_have_no_page_permission_of_their_own(self):
        """They approve as a body through the task; they could not publish even by accident."""
        reviewers = Group.objects.get(name="Consultative reviewers")
        self.assertFalse(reviewers.page_permissions.exists())
        self.assertEqual(
            sorted(reviewers.permissions.values_list("codename", flat=True)), ["access_admin"]
        )

    def test_comment_moderators_have_no_page_rights(self):
        moderators = Group.objects.get(name=COMMENT_MODERATORS)
        self.assertFalse(moderators.page_permissions.exists())

    def test_every_column_is_checked(self):
        names = {name for name in dir(self) if name.startswith("test_")}
        self.assertEqual(len(MATRIX), 15)
        self.assertGreaterEqual(len(names), len(MATRIX))
        print("\n" + matrix_as_markdown())  # noqa: T201 (quoted by the closing note)
