"""Translation outside the admin: a translator downloads a page's PO file, translates it in a
PO editor and uploads it back (wagtail-localize's PO export and import)."""

import polib
import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

from approvals.roles import TRANSLATORS
from tests.factories import NewsArticlePageFactory, build_site

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Posėdžiai vyks kas dvi savaites": "Meetings every two weeks",
    "posedziai-kas-dvi-savaites": "meetings-every-two-weeks",
}


@pytest.fixture
def translation():
    site = build_site()
    article = NewsArticlePageFactory(
        parent=site.lt["news_index"],
        title="Posėdžiai vyks kas dvi savaites",
        slug="posedziai-kas-dvi-savaites",
    )
    source, _created = TranslationSource.get_or_create_from_instance(article)
    translation = Translation.objects.create(source=source, target_locale=site.en_locale)
    translation.save_target()  # a draft English page, as "Translate this page" makes
    return translation


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_user("vertejas", password="a-long-pass-1")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(user)
    return user


def upload(client, translation, po):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    file = SimpleUploadedFile("article-en.po", str(po).encode(), "text/x-gettext-translation")
    return client.post(url, {"file": file, "next": "/admin/"}, follow=True)


def test_a_translator_translates_a_page_through_its_po_file(
    client, translator, translation, django_capture_on_commit_callbacks
):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} >= set(ENGLISH)

    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, f"EN: {entry.msgid}")
    upload(client, translation, po)
    # wagtail-localize publishes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=translator, publish=True)

    english = translation.get_target_instance()
    assert english.title == "Meetings every two weeks"
    page = client.get(english.url)
    assert page.status_code == 200
    assert english.url.endswith("/meetings-every-two-weeks/")
    assert "<h1>Meetings every two weeks</h1>" in page.content.decode()


def test_a_po_file_of_another_translation_is_refused_with_a_message(
    client, translator, translation
):
    po = translation.export_po()
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    for entry in po:
        entry.msgstr = "Wrong"
    response = upload(client, translation, po)
    # The translator's admin is in Lithuanian (the site's default language).
    assert "Negalima importuoti PO failo, kuris buvo sukurtas kitiems vertimams." in (
        response.content.decode()
    )
    translation.save_target(user=translator)
    assert "Wrong" not in translation.get_target_instance().title
