"""A meeting moved, shortened, cancelled or given its minutes in Lithuanian shows so on its
English page at once, before a translator syncs the text; the translator's unpublished
draft keeps its text."""

import datetime

import pytest

from django.utils import timezone

from wagtail_localize.models import Translation, TranslationSource

from core.translation_report import OUTDATED, translation_report_rows
from documents.models import CityDocument
from workinggroups.models import MeetingPage

pytestmark = pytest.mark.django_db


def publish(page, **changes):
    page = MeetingPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def english(page):
    return page.get_translation(page.locale.__class__.objects.get(language_code="en"))


def test_a_moved_and_cancelled_meeting_shows_so_in_english_at_once(site_tree, client):
    meeting = site_tree.lt["meeting"]
    translation = english(meeting)
    place = translation.place
    new_start = timezone.make_aware(datetime.datetime(2020, 8, 4, 14, 0))

    publish(meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=2))
    translation.refresh_from_db()
    assert translation.starts_at == new_start
    assert translation.ends_at == new_start + datetime.timedelta(hours=2)
    assert translation.place == place  # its text waits for the translator
    assert not translation.has_unpublished_changes
    html = client.get(translation.url).content.decode()
    assert "2020-08-04T14:00:00+03:00" in html

    publish(meeting, cancelled=True)
    html = client.get(translation.url).content.decode()
    assert "Cancelled" in html
    assert "<del>" in html


def test_minutes_reach_the_english_page(site_tree):
    meeting = publish(site_tree.lt["meeting"], minutes=None)
    translation = english(meeting)
    translation.refresh_from_db()
    assert translation.minutes_id is None
    minutes = CityDocument.objects.first()
    publish(meeting, minutes=minutes)
    translation.refresh_from_db()
    assert translation.minutes_id == minutes.pk


def test_the_translator_s_draft_keeps_its_text_and_gets_the_new_time(site_tree):
    meeting = site_tree.lt["meeting"]
    translation = english(meeting)
    translation.place = "Town hall, room 201 (draft)"
    translation.save_revision()
    new_start = timezone.make_aware(datetime.datetime(2020, 9, 1, 9, 0))

    publish(meeting, starts_at=new_start)
    translation.refresh_from_db()
    assert translation.starts_at == new_start
    assert translation.place != "Town hall, room 201 (draft)"  # the draft is not published
    assert translation.has_unpublished_changes
    draft = translation.get_latest_revision_as_object()
    assert draft.place == "Town hall, room 201 (draft)"
    assert draft.starts_at == new_start


def test_an_unchanged_schedule_publishes_nothing_in_english(site_tree):
    meeting = site_tree.lt["meeting"]
    translation = english(meeting)
    revisions = translation.revisions.count()
    publish(meeting, title="Pirmasis posėdis (patikslinta)")
    assert translation.revisions.count() == revisions


def test_the_translators_report_still_lists_the_meeting_to_translate(site_tree):
    meeting = site_tree.lt["meeting"]
    source, _created = TranslationSource.get_or_create_from_instance(meeting)
    translation = Translation.objects.create(source=source, target_locale=site_tree.en_locale)
    translation.save_target()  # publish=True would wait for the test's transaction to commit
    english(meeting).get_latest_revision().publish()
    assert translation_report_rows() == []

    publish(meeting, place="Rotušės a. 4, 201 kab.", cancelled=True)
    assert english(meeting).cancelled
    [row] = translation_report_rows()
    assert (row.page.pk, row.status) == (meeting.pk, OUTDATED)
