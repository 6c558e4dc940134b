"""What an editor, a coordinator and a moderator meet in the admin around the approvals: where
the coordinator lands after approving, the moderator's dashboard panel, ASCII page addresses
and the tabs named when a page cannot be saved."""

import pytest

from django.urls import reverse
from django.utils.text import slugify

from wagtail.users.models import UserProfile

from feedback.models import PublicComment
from plans.models import PlanDraftPage
from tests.approvals.helpers import current_task_state, draft_form_data, edit_url, login, new_draft
from tests.approvals.test_emails import submit_in_admin
from tests.feedback.helpers import make_comment

pytestmark = pytest.mark.django_db


def in_lithuanian(*users):
    for user in users:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "lt"
        profile.save()


def test_the_coordinator_lands_back_on_the_page_they_approved(client, lt_site, users):
    """Wagtail sends them to the explorer of the plan section, which they may not open."""
    in_lithuanian(users["coordinator"])
    draft = new_draft(lt_site)
    submit_in_admin(client, draft, users["editor"])
    login(client, users["coordinator"])
    assert current_task_state(draft) is not None
    data = {
        **draft_form_data(draft),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    response = client.post(edit_url(draft), data, follow=True)
    assert response.redirect_chain[-1] == (edit_url(draft), 302)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "„Plano projektas 0.2“ perduotas kitam etapui: Konsultacinės darbo grupės sprendimas."
        in html
    )


def test_the_moderators_dashboard_counts_the_comments_awaiting_moderation(client, lt_site, users):
    in_lithuanian(users["moderator"], users["editor"])
    article = lt_site.lt["article"]
    make_comment(article, status=PublicComment.Status.HELD, comment="Kada posėdis?")
    make_comment(article, status=PublicComment.Status.HELD, comment="Kur rasti planą?")
    make_comment(article, status=PublicComment.Status.FLAGGED, comment="Įžeidus komentaras.")
    make_comment(article, comment="Pritariu.")  # published: nothing to do
    login(client, users["moderator"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    queue = reverse("feedback_admin:queue")
    assert "Moderavimo laukia 3 komentarai" in html
    assert f'href="{queue}?status=held">Sulaikyta peržiūrai: 2</a>' in html
    assert f'href="{queue}?status=flagged">Paslėpta po skaitytojų pranešimų: 1</a>' in html
    client.logout()
    # An editor, who does not moderate, sees no such panel.
    login(client, users["editor"])
    assert "Moderavimo laukia" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_new_pages_get_ascii_addresses(client, lt_site, users):
    """The editor's slug field and the server alike write "č" as "c"."""
    plan_index = lt_site.lt["plan_index"]
    login(client, users["editor"])
    add = reverse("wagtailadmin_pages:add", args=["plans", "plandraftpage", plan_index.pk])
    html = client.get(add).content.decode()
    # The slug field's script keeps Unicode only when told to (the attribute, absent here).
    assert 'name="slug"' in html and "data-w-slug-allow-unicode-value" not in html
    page = PlanDraftPage(title="Švietimo ir kultūros plėtra", version_label="0.1")
    plan_index.add_child(instance=page)
    assert page.slug == "svietimo-ir-kulturos-pletra"
    assert slugify("Ūkio plėtra") == "ukio-pletra"


def test_a_page_that_cannot_be_saved_names_the_tabs_to_correct(client, lt_site, users):
    """The editor's error message is followed by the tabs holding the fields in error (the
    script reads them from the page; its sentence comes translated from the server)."""
    in_lithuanian(users["editor"])
    draft = new_draft(lt_site)
    login(client, users["editor"])
    response = client.post(edit_url(draft), draft_form_data(draft, title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "approvals/tab_errors" in html
    assert (
        'data-tabs-message="Raudonai pažymėtus laukus ištaisykite šiose kortelėse: %(tabs)s."'
        in html
    )
