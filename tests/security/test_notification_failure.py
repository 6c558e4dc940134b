"""Finding 18: an e-mail failure failed the workflow action that sent it.

A plan title with a line break made the coordinator's approval answer 500: the e-mail to the
Consultative group could not be built (a header may not hold a line break) and it was sent
with ``fail_silently=False``. Now a notification never breaks its action (the failure is
logged with how many recipients missed it, not who), titles refuse control characters, and a
title that already holds one is mailed with spaces in their place.

The mail server in these tests is real SMTP over a socket: a server that answers every
connection "554 service unavailable", as a mail server out of service does.
"""

import logging
import socket
import socketserver
import threading

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page, TaskState

from tests.approvals.helpers import (
    approve_task1,
    current_task_state,
    draft_form_data,
    edit_url,
    fresh,
    login,
    lt,
    new_draft,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

BROKEN_TITLE = "Plano projektas\n0.2"
CONTROL_TITLE_MESSAGE = "The title cannot contain line breaks, tabs or other control characters."


class RefusingSMTPHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(b"554 5.3.2 Service currently unavailable\r\n")


@pytest.fixture
def smtp_out_of_service():
    """Django's SMTP backend pointed at a mail server that refuses service."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTPHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.server_address[1],
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    ):
        yield
    server.shutdown()
    server.server_close()


def titled_in_code(page, title):
    """Give a stored page a title the forms and the model refuse (as old data or a script
    would have it), and submit it as the editor does, without validation."""
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    return fresh(page)


def submit_unvalidated(page, user):
    page = fresh(page)
    page.save_revision(user=user, clean=False)
    return page.get_workflow().start(page, user)


def test_the_coordinators_approval_succeeds_when_the_mail_to_the_body_fails(
    client, lt_site, users, smtp_out_of_service, caplog
):
    draft = titled_in_code(new_draft(lt_site), BROKEN_TITLE)
    submit_unvalidated(draft, users["editor"])
    task_state = current_task_state(draft)
    login(client, users["coordinator"])
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR):
        response = client.post(workflow_action_url(draft, "approve", task_state), {})

    assert response.status_code == 302
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    # The draft went on to the Consultative group's decision.
    assert current_task_state(draft).task.name == "Consultative group decision"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "awaiting_vote e-mail could not be sent (3 recipients)" in logged
    assert "@example.org" not in logged


def test_the_editors_submission_succeeds_when_wagtails_own_mail_fails(
    client, lt_site, users, smtp_out_of_service, caplog
):
    """Wagtail mails the coordinators on submission; its connection error escaped too."""
    draft = new_draft(lt_site)
    login(client, users["editor"])
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR):
        response = client.post(edit_url(draft), {**draft_form_data(draft), "action-submit": "1"})

    assert response.status_code == 302
    assert current_task_state(draft).task.name == "Working-group review"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Wagtail's submitted e-mail could not be sent (1 recipients)" in logged
    assert "@example.org" not in logged


def test_a_title_already_holding_a_line_break_is_mailed_with_a_space(lt_site, users):
    draft = titled_in_code(new_draft(lt_site), BROKEN_TITLE)
    submit_unvalidated(draft, users["editor"])
    mail.outbox.clear()

    approve_task1(draft, users["coordinator"])

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3, subjects  # one per member of the Consultative group
    assert set(subjects) == {lt("Please vote: “%(title)s”", title="Plano projektas 0.2")}


def test_wagtails_own_mail_shows_the_title_with_a_space(lt_site, users):
    draft = titled_in_code(new_draft(lt_site), BROKEN_TITLE)
    mail.outbox.clear()

    submit_unvalidated(draft, users["editor"])

    to_coordinator = [m for m in mail.outbox if m.to == [users["coordinator"].email]]
    assert len(to_coordinator) == 1
    assert "Plano projektas 0.2" in to_coordinator[0].subject
    assert "\n" not in to_coordinator[0].subject


# --- Titles refuse control characters --------------------------------------------------


@pytest.mark.parametrize("character", ["\n", "\r", "\t", "\x00", "\x1b", "\x7f"])
@pytest.mark.parametrize(
    "key",
    [
        "home",
        "standard",
        "group_index",
        "group",
        "meeting",
        "plan_index",
        "draft",
        "news_index",
        "article",
    ],
)
def test_every_page_type_refuses_a_title_with_a_control_character(lt_site, key, character):
    page = fresh(lt_site.lt[key])
    page.title = f"Pavadinimas{character}su valdymo simboliu"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert refused.value.message_dict["title"] == [lt(CONTROL_TITLE_MESSAGE)]


def test_a_title_without_control_characters_is_accepted(lt_site):
    page = fresh(lt_site.lt["article"])
    page.title = "Sudarytos darbo grupės – „Alytus 2030“"
    page.full_clean()


def test_the_admins_edit_form_refuses_a_title_with_a_line_break(client, lt_site, users):
    draft = new_draft(lt_site)
    login(client, users["editor"])

    response = client.post(
        edit_url(draft), draft_form_data(draft, title="Plano projektas\r\nsu lūžiu")
    )

    assert response.status_code == 200
    assert lt(CONTROL_TITLE_MESSAGE) in response.context["form"].errors["title"]
    assert fresh(draft).title == draft.title
    assert not fresh(draft).revisions.exists()


def test_the_admins_create_form_refuses_a_title_with_a_tab(client, lt_site, users):
    plan_index = lt_site.lt["plan_index"]
    login(client, users["editor"])
    url = reverse("wagtailadmin_pages:add", args=["plans", "plandraftpage", plan_index.pk])
    data = draft_form_data(new_draft(lt_site), title="Naujas\tprojektas", slug="naujas-projektas")

    response = client.post(url, data)

    assert response.status_code == 200
    assert lt(CONTROL_TITLE_MESSAGE) in response.context["form"].errors["title"]
    assert not Page.objects.filter(slug="naujas-projektas").exists()


def test_the_connection_is_really_refused(smtp_out_of_service):
    """The fixture's server is what the tests above rely on: a real SMTP refusal."""
    from django.conf import settings

    with socket.create_connection((settings.EMAIL_HOST, settings.EMAIL_PORT), timeout=5) as s:
        assert s.recv(100).startswith(b"554")
