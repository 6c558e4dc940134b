"""Finding 13: no demo role could upload a document or an image, not even an administrator.

Wagtail checks uploads against collection permissions on its own permission models
(``wagtaildocs.Document``: add/change/delete/choose_document, ``wagtailimages.Image``:
add/change/delete/choose_image), whatever the custom document and image models are; the
roles' first migration granted codenames of ``documents.CityDocument``/``CityImage`` instead.

Each role posts a PDF and a PNG to the admin's add views as a browser does (multipart). Who
uploads follows DESIGN.md's roles: editors (news, group pages, plan drafts), coordinators
(their group's meetings and minutes) and administrators upload; translators only choose the
files the Lithuanian pages use; reviewers and comment moderators have no files to add.
Editors and administrators also change (and so, in Wagtail's ownership model, delete) any
file; a coordinator changes only the files they uploaded.
"""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from documents.models import CityDocument, CityImage
from tests.approvals.helpers import ROLE_ACCOUNTS, login
from tests.factories import PDF_BYTES, CityDocumentFactory

pytestmark = pytest.mark.django_db

UPLOADERS = {"editor", "coordinator", "administrator"}
ROLES = sorted(ROLE_ACCOUNTS)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def upload_document(client, title):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("potvarkis.pdf", PDF_BYTES, "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "kind": CityDocument.Kind.ORDER,
            "document_date": "2020-06-02",
            "number": "M-18",
            "tags": "",
        },
    )


def upload_image(client, title):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("panorama.png", png_bytes(), "image/png"),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "Alytaus panorama",
            "description": "",
            "tags": "",
        },
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload_a_pdf_and_a_png_through_the_admin(client, users, role):
    login(client, users[ROLE_ACCOUNTS[role]])
    document = upload_document(client, f"Potvarkis ({role})")
    image = upload_image(client, f"Panorama ({role})")

    stored_document = CityDocument.objects.filter(title=f"Potvarkis ({role})").first()
    stored_image = CityImage.objects.filter(title=f"Panorama ({role})").first()
    if role in UPLOADERS:
        assert document.status_code == 302, document.content[:2000]
        assert document["Location"] == reverse("wagtaildocs:index")
        assert stored_document is not None
        assert stored_document.uploaded_by_user == users[ROLE_ACCOUNTS[role]]
        with stored_document.open_file() as stored:
            assert stored.read() == PDF_BYTES
        assert image.status_code == 302, image.content[:2000]
        assert stored_image is not None and stored_image.width == 8
    else:
        # Refused as the admin refuses any area a user may not enter: back to the dashboard.
        assert document.status_code == 302
        assert document["Location"] == reverse("wagtailadmin_home")
        assert image.status_code == 302
        assert image["Location"] == reverse("wagtailadmin_home")
        assert stored_document is None
        assert stored_image is None


@pytest.mark.parametrize("role", ROLES)
def test_who_may_choose_and_who_may_delete_a_file_someone_else_uploaded(client, users, role):
    """Translators choose files too; editors and administrators manage every file."""
    document = CityDocumentFactory(title="Posėdžio protokolas")
    login(client, users[ROLE_ACCOUNTS[role]])

    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    listed = "Posėdžio protokolas" in chooser.json()["html"]
    assert listed == (role in UPLOADERS | {"translator"})

    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    deleted = not CityDocument.objects.filter(pk=document.pk).exists()
    assert deleted == (role in {"editor", "administrator"})


def test_a_coordinator_changes_and_deletes_only_their_own_uploads(client, users):
    login(client, users["coordinator"])
    upload_document(client, "Posėdžio protokolas Nr. 1")
    own = CityDocument.objects.get(title="Posėdžio protokolas Nr. 1")
    other = CityDocumentFactory(title="Mero potvarkis")
    assert client.get(reverse("wagtaildocs:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=[other.pk])).status_code == 302
    client.post(reverse("wagtaildocs:delete", args=[other.pk]))
    client.post(reverse("wagtaildocs:delete", args=[own.pk]))
    assert not CityDocument.objects.filter(pk=own.pk).exists()
    assert CityDocument.objects.filter(pk=other.pk).exists()
