"""Lithuanian first, English second: the comment UI and its e-mails in both languages."""

import gettext
import re
import subprocess
from pathlib import Path

import pytest

from django.conf import settings
from django.core import mail
from django.utils import translation

from feedback.models import PublicComment
from tests.feedback.helpers import make_comment, post_and_confirm, post_comment

CATALOG = Path(settings.BASE_DIR) / "feedback" / "locale" / "lt" / "LC_MESSAGES"


@pytest.fixture
def site_tree(bilingual_site):
    """Both languages for every test of this module (one of them needs the English pages), so
    that they share one site, built once (tests/conftest.py, ``module_transaction``)."""
    return bilingual_site


def catalog_entries(path=CATALOG / "django.mo"):
    """{(context, msgid): {plural index or None: translation}} of a compiled catalogue."""
    if not Path(path).exists():
        return {}
    with open(path, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    entries = {}
    for key, value in catalog.items():
        if key == "":
            continue
        msgid, index = (key, None) if isinstance(key, str) else key
        context, _, msgid = msgid.rpartition("\x04")
        entries.setdefault((context or None, msgid), {})[index] = value
    return entries


def test_the_catalog_is_complete_compiled_and_has_no_fuzzy_entries():
    result = subprocess.run(  # noqa: S603 (our own script, no user input)
        [
            str(Path(settings.BASE_DIR) / "scripts" / "check-translations"),
            str(CATALOG.parent.parent),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = (CATALOG / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert "comment confirmation request" in text  # django-comments-xtd's own messages


def test_our_lithuanian_translations_win():
    """Ours are used, except where the project's catalogue (LOCALE_PATHS, which comes first)
    translates the same message: then its wording is."""
    project = {}
    for locale_path in settings.LOCALE_PATHS:
        project.update(catalog_entries(Path(locale_path) / "lt" / "LC_MESSAGES" / "django.mo"))
    wrong = []
    with translation.override("lt"):
        for key, forms in catalog_entries().items():
            if None not in forms:
                continue
            context, msgid = key
            expected = project.get(key, forms)[None]
            actual = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if actual != expected:
                wrong.append((msgid, actual, expected))
    assert not wrong


@pytest.mark.django_db
def test_the_comment_ui_is_in_lithuanian(client, site_tree):
    draft = site_tree.lt["draft"]
    draft.save_revision().publish()
    draft.refresh_from_db()
    section = draft.comment_sections()[0]
    comment = make_comment(draft, section_id=section.id, section_title=section.title)
    make_comment(draft, parent=comment, is_official=True, user_name="x")
    pages = [
        client.get(draft.url).content.decode(),
        client.get(f"/lt/comments/form/{draft.pk}/?section={section.id}").content.decode(),
        client.get(f"/lt/comments/c/{comment.pk}/flag/").content.decode(),
        post_comment(client, draft, comment="ok").content.decode(),
        client.get(f"/lt/comments/sent/?page={draft.pk}").content.decode(),
    ]
    english = [
        "Write a comment",
        "Your name",
        "Your e-mail address",
        "Your comment",
        "Send the comment",
        "Reply",
        "Report",
        "Comment on this section",
        "comment on this section",
        "Official answer",
        "Order:",
        "oldest first",
        "Check your e-mail",
        "What is wrong",
        "Your comment was not sent",
        "Alytus City Municipality",
        "Leave this field empty",
    ]
    for html in pages:
        found = [text for text in english if re.search(rf">[^<]*{re.escape(text)}", html)]
        assert not found, found
    assert "Rašyti komentarą" in pages[0] and "Komentuoti šį skyrių" in pages[0]
    assert "Oficialus savivaldybės atsakymas" in pages[0]
    assert "Alytaus miesto savivaldybė" in pages[0]
    assert "Jūsų vardas" in pages[1]
    assert "Komentaras per trumpas" in pages[3]


@pytest.mark.django_db
def test_e_mails_follow_the_language_of_the_page(client, site_tree):
    lithuanian = site_tree.lt["article"]
    english = site_tree.en["article"]
    post_comment(client, lithuanian)
    post_comment(client, english, language="en", email="john@example.org", name="John")
    lt_mail, en_mail = mail.outbox
    assert lt_mail.subject == "Patvirtinkite savo komentarą"
    assert "Sveiki, Ona Alytiškė," in lt_mail.body and "/lt/comments/confirm/" in lt_mail.body
    assert en_mail.subject == "Confirm your comment"
    assert "Hello John," in en_mail.body and "/en/comments/confirm/" in en_mail.body


@pytest.mark.django_db
def test_follow_ups_approved_in_the_admin_use_the_page_language(moderator_client, article):
    make_comment(article, user_email="sekejas@example.lt", followup=True)
    held = make_comment(article, status=PublicComment.Status.HELD, user_email="n@example.lt")
    with translation.override("en"):  # the moderator works in English
        moderator_client.post(f"/admin/comments/{held.pk}/approve/")
    (message,) = mail.outbox
    assert message.subject == "Naujas komentaras"
    assert "Jei nebenorite gauti pranešimų" in message.body


@pytest.mark.django_db
def test_the_english_site_speaks_english(client, site_tree):
    english = site_tree.en["article"]
    make_comment(site_tree.lt["article"], user_email="ona@example.lt")
    html = client.get(english.url).content.decode()
    assert "Write a comment" in html
    comment, response = post_and_confirm(
        client, english, language="en", comment="In English.", email="ona@example.lt"
    )
    assert comment.status == PublicComment.Status.PUBLISHED
