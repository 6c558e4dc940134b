"""The council's consultation report of a plan draft's version: made in the admin by
administrators and the draft's coordinators, as PDF, DOCX and CSV that read back with one row
per published comment, frozen once made, and linked with its SHA-256 on the public page."""

import csv
import hashlib
import io

import docx
import pypdf
import pytest

from django.contrib.auth.models import Group

from approvals.roles import ADMINISTRATORS, COORDINATORS, EDITORS, coordinators_group
from feedback import pending
from feedback.forms import PublicCommentForm
from feedback.models import ConsultationReport, ContributorType, Disposition, PublicComment
from tests.factories import WorkingGroupPageFactory
from tests.feedback.helpers import comment_data, make_comment

Status = PublicComment.Status


def user_in(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.lt", "x-12345678")
    user.groups.set(groups)
    return user


@pytest.fixture
def administrator(db, django_user_model):
    return user_in(django_user_model, "administratore", Group.objects.get(name=ADMINISTRATORS))


@pytest.fixture
def commented(draft):
    """The draft's published version with the comments of a consultation: three the public
    sees (two on sections, one on the whole draft), one held, one removed, an official answer."""
    version = draft.live_revision
    first, second = draft.comment_sections()
    on_first = make_comment(
        draft,
        comment="Daugiau dviračių takų prie Nemuno.",
        user_name="Ona",
        user_email="ona@example.lt",
        section_id=first.id,
        section_title=first.title,
        contributor_type=ContributorType.RESIDENT,
        revision=version,
    )
    make_comment(
        draft,
        comment="Įtraukite jaunimo užimtumą.",
        user_name="Dzūkijos jaunimo sąjunga",
        user_email="info@jaunimas.example.lt",
        section_id=second.id,
        section_title=second.title,
        contributor_type=ContributorType.ORGANISATION,
        revision=version,
    )
    make_comment(draft, comment="Pritariu visam projektui.", user_name="Petras", revision=version)
    make_comment(draft, status=Status.HELD, comment="Dar laukia moderatoriaus.", revision=version)
    make_comment(draft, status=Status.REMOVED, comment="Pašalintas komentaras.", revision=version)
    make_comment(
        draft, parent=on_first, is_official=True, comment="Ačiū, svarstysime.", revision=version
    )
    Disposition.objects.create(
        comment=on_first,
        outcome=Disposition.Outcome.ACCEPTED,
        reason="Takas įtrauktas į 2.1 priemonę.",
        landed_in=version,
    )
    return draft


def make_url(page, revision=None):
    return f"/admin/comments/report/{page.pk}/{(revision or page.live_revision).pk}/"


def made_report(client, page):
    response = client.post(make_url(page))
    assert response.status_code == 302, response.content.decode()[:500]
    return ConsultationReport.objects.get(revision=page.live_revision)


def file_bytes(report, report_format):
    item = report.files.get(format=report_format)
    with item.document.open_file() as handle:
        return handle.read(), item


PUBLISHED = (
    "Daugiau dviračių takų prie Nemuno.",
    "Įtraukite jaunimo užimtumą.",
    "Pritariu visam projektui.",
)
LEFT_OUT = ("Dar laukia moderatoriaus.", "Pašalintas komentaras.", "Ačiū, svarstysime.")


def test_the_report_reads_back_one_row_per_published_comment_in_each_format(
    client, administrator, commented
):
    client.force_login(administrator)
    report = made_report(client, commented)
    assert report.comment_count == 3

    content, _item = file_bytes(report, "csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    # By section: the whole draft first, then the sections in order, numbered through.
    assert [(row["Nr."], row["Jūs pasiūlėte"]) for row in rows] == [
        ("1", "Pritariu visam projektui."),
        ("2", "Daugiau dviračių takų prie Nemuno."),
        ("3", "Įtraukite jaunimo užimtumą."),
    ]
    whole, accepted, organisation = rows
    assert accepted["Vardas"] == "Ona" and accepted["Komentuoja kaip"] == "Gyventojas"
    assert accepted["Sprendimas"] == "Priimta"
    assert accepted["Priežastis"] == "Takas įtrauktas į 2.1 priemonę."
    landed_in = accepted["Versija, kurioje atsižvelgta"]
    assert landed_in.startswith(f"versija {commented.live_revision.content['version_label']} (")
    assert organisation["Komentuoja kaip"] == "Organizacija"
    assert whole["Komentuoja kaip"] == "Nenurodyta"
    assert whole["Sprendimas"] == "Dar nenuspręsta"

    content, _item = file_bytes(report, "docx")
    document = docx.Document(io.BytesIO(content))
    table_rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(table_rows) == 3
    said = [row.cells[1].text for row in table_rows]
    assert all(any(text in cell for cell in said) for text in PUBLISHED)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    sections = commented.comment_sections()
    assert headings == [
        "Visas projektas",
        f"1. {sections[0].title}",
        f"2. {sections[1].title}",
    ]

    content, _item = file_bytes(report, "pdf")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )
    for comment in PUBLISHED:
        assert comment in text  # the Lithuanian letters survive (an embedded DejaVu font)
    for content_of_any in (file_bytes(report, f)[0] for f in ("csv", "docx", "pdf")):
        assert b"@example.lt" not in content_of_any
    for comment in LEFT_OUT:
        assert comment not in text and all(comment != row["Jūs pasiūlėte"] for row in rows)


def test_the_report_is_frozen_and_its_hash_is_on_the_public_page(client, administrator, commented):
    client.force_login(administrator)
    # The action is in the draft's header menu in the admin.
    edit = client.get(f"/admin/pages/{commented.pk}/edit/").content.decode()
    assert f'href="/admin/comments/report/{commented.pk}/"' in edit
    report = made_report(client, commented)
    hashes = {item.format: item.sha256 for item in report.files.all()}
    assert set(hashes) == {"pdf", "docx", "csv"}
    for report_format, sha256 in hashes.items():
        content, _item = file_bytes(report, report_format)
        assert hashlib.sha256(content).hexdigest() == sha256

    # A comment arrives later: making the report again still gives the stored files.
    make_comment(commented, comment="Vėlesnis komentaras.", revision=commented.live_revision)
    response = client.post(make_url(commented), follow=True)
    assert "parengta anksčiau" in response.content.decode()
    again = ConsultationReport.objects.get()
    assert again.pk == report.pk and again.comment_count == 3
    assert {item.format: item.sha256 for item in again.files.all()} == hashes

    client.logout()
    html = client.get(commented.url).content.decode()
    section = html[html.index('id="you-said-we-did"') :]
    for report_format, sha256 in hashes.items():
        item = again.files.get(format=report_format)
        assert sha256 in section and item.document.url in section
        assert client.get(item.document.url).status_code == 200


@pytest.mark.parametrize("role", ["editor", "moderator", "other_coordinator", "anonymous"])
def test_only_administrators_and_the_drafts_coordinators_make_it(
    client, django_user_model, commented, moderator, role
):
    users = {
        "editor": lambda: user_in(django_user_model, "redaktore", Group.objects.get(name=EDITORS)),
        "moderator": lambda: moderator,
        "other_coordinator": lambda: user_in(
            django_user_model,
            "kita",
            Group.objects.get(name=COORDINATORS),
            coordinators_group(WorkingGroupPageFactory.build()),
        ),
        "anonymous": lambda: None,
    }
    user = users[role]()
    if user is not None:
        client.force_login(user)
    response = client.post(make_url(commented))
    # Wagtail's admin sends a refused user to its dashboard, a visitor to the sign-in.
    expected = "/admin/login/" if user is None else "/admin/"
    assert response.status_code == 302
    assert response["Location"].split("?")[0] == expected
    listing = client.get(f"/admin/comments/report/{commented.pk}/")
    assert listing.status_code == 302 and listing["Location"].split("?")[0] == expected
    assert not ConsultationReport.objects.exists()


def test_the_coordinator_of_a_responsible_group_makes_it(client, django_user_model, commented):
    group = commented.responsible_groups.first()
    coordinator = user_in(
        django_user_model,
        "koordinatore",
        Group.objects.get(name=COORDINATORS),
        coordinators_group(group),
    )
    client.force_login(coordinator)
    page = client.get(f"/admin/comments/report/{commented.pk}/").content.decode()
    assert make_url(commented) in page
    assert made_report(client, commented).created_by == coordinator


def test_the_contributor_type_is_asked_on_drafts_stored_and_shown_to_moderators(
    moderator_client, client, draft
):
    form_html = client.get(f"/lt/comments/form/{draft.pk}/").content.decode()
    assert 'name="contributor_type"' in form_html and "Organizacija" in form_html
    form = PublicCommentForm(draft, data=comment_data(draft, contributor_type="working_group"))
    assert form.is_valid(), form.errors
    comment = pending.store(draft, pending.from_form(form, 1, "127.0.0.1"))
    assert comment.contributor_type == ContributorType.WORKING_GROUP
    html = moderator_client.get(f"/admin/comments/{comment.pk}/").content.decode()
    assert "Darbo grupė" in html
