"""Calendars (RFC 5545): a working group's meetings, one meeting's "Add to calendar" file
and the whole plan's feed, read back with the `icalendar` library as a calendar app would."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests.factories import MeetingPageFactory
from workinggroups.models import MeetingPage

pytestmark = pytest.mark.django_db

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")


def read_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def publish(page, **changes):
    page = MeetingPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def feed(page):
    return page.url + "calendar/"


def test_a_group_feed_gives_its_meetings_in_vilnius_time(client, site_tree):
    group, meeting = site_tree.lt["group"], publish(site_tree.lt["meeting"])
    calendar = read_calendar(client, feed(group))
    assert str(calendar["X-WR-CALNAME"]) == f"{group.title}: posėdžiai"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Vilnius"
    assert calendar["REFRESH-INTERVAL"] == "PT1H"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.translation_key}@localhost"
    assert str(event["SUMMARY"]) == meeting.title
    assert event["SUMMARY"].params["LANGUAGE"] == "lt"
    assert str(event["LOCATION"]) == meeting.place
    assert "Darbo reglamento tvirtinimas" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver{meeting.url}"
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Vilnius"
    assert start == meeting.starts_at and start.hour == 10  # 10:00 in Alytus, summer time
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0


def test_a_meeting_has_one_uid_in_both_languages_and_across_edits(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    lt_event = events(read_calendar(client, feed(site_tree.lt["group"])))
    en_event = events(read_calendar(client, feed(site_tree.en["group"])))
    assert lt_event.keys() == en_event.keys() == {f"meeting-{meeting.translation_key}@localhost"}
    (uid,) = lt_event
    assert str(en_event[uid]["SUMMARY"]) == "First meeting"
    assert en_event[uid]["SUMMARY"].params["LANGUAGE"] == "en"

    publish(meeting, title="Pirmasis posėdis (patikslinta darbotvarkė)")
    again = events(read_calendar(client, feed(site_tree.lt["group"])))
    assert set(again) == {uid}
    assert str(again[uid]["SUMMARY"]) == "Pirmasis posėdis (patikslinta darbotvarkė)"


def test_a_moved_meeting_is_sent_again_with_a_higher_sequence(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    url = feed(site_tree.lt["group"])

    def sequence():
        (event,) = read_calendar(client, url).walk("VEVENT")
        return event["SEQUENCE"]

    assert sequence() == 0
    later = meeting.starts_at + datetime.timedelta(days=7, hours=2)
    meeting = publish(meeting, starts_at=later)
    assert sequence() == 1
    (event,) = read_calendar(client, url).walk("VEVENT")
    assert event.decoded("DTSTART") == later
    publish(meeting, title="Pirmasis posėdis")  # a new title does not move the meeting
    assert sequence() == 1
    meeting = publish(meeting, place="Alytaus kultūros centras")
    assert sequence() == 2
    # A change saved but not published is not in the calendar.
    meeting.starts_at = later + datetime.timedelta(days=1)
    meeting.save_revision()
    assert sequence() == 2


def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    publish(meeting, cancelled=True)
    (event,) = read_calendar(client, feed(site_tree.lt["group"])).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["SUMMARY"]) == f"Atšaukta: {meeting.title}"
    page = client.get(meeting.url).content.decode()
    assert "Posėdis atšauktas." in page


def test_private_and_unpublished_meetings_are_left_out(client, site_tree):
    group, home = site_tree.lt["group"], site_tree.lt["home"]
    shown = publish(site_tree.lt["meeting"])
    draft_meeting = MeetingPageFactory(parent=group, title="Neskelbtas posėdis", live=False)
    private = MeetingPageFactory(parent=group, title="Uždaras posėdis")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Grupės nariai"))
    for url in (feed(group), feed(home)):
        uids = set(events(read_calendar(client, url)))
        assert f"meeting-{shown.translation_key}@localhost" in uids, url
        assert f"meeting-{draft_meeting.translation_key}@localhost" not in uids, url
        assert f"meeting-{private.translation_key}@localhost" not in uids, url
    # The private meeting's own file asks to sign in.
    assert client.get(feed(private)).status_code == 302


def test_add_to_calendar_gives_the_meeting_alone(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    MeetingPageFactory(parent=site_tree.lt["group"], title="Antrasis posėdis")
    page = client.get(meeting.url).content.decode()
    assert f'href="{feed(meeting)}" download' in page
    assert "Įtraukti į kalendorių" in page
    response = client.get(feed(meeting))
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.slug}.ics"'
    (event,) = read_calendar(client, feed(meeting)).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.translation_key}@localhost"


def test_the_group_and_the_plan_offer_their_feeds(client, site_tree):
    for language in ("lt", "en"):
        pages = getattr(site_tree, language)
        subscribe = {"lt": "Prenumeruoti kalendoriaus programoje", "en": "Subscribe"}[language]
        for page, calendar_of in (
            (pages["group"], pages["group"]),
            (pages["plan_index"], pages["home"]),
            (pages["home"], pages["home"]),
        ):
            html = client.get(page.url).content.decode()
            assert f'href="webcal://testserver{feed(calendar_of)}"' in html, page.url
            assert subscribe in html, page.url


def test_the_whole_plan_feed_holds_meetings_and_consultations(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    draft = site_tree.lt["draft"]
    draft.save_revision().publish()
    draft.refresh_from_db()
    calendar = read_calendar(client, feed(site_tree.lt["home"]))
    found = events(calendar)
    assert set(found) == {
        f"meeting-{meeting.translation_key}@localhost",
        f"consultation-{draft.translation_key}@localhost",
    }
    window = found[f"consultation-{draft.translation_key}@localhost"]
    assert str(window["SUMMARY"]) == f"Viešoji konsultacija: {draft.title}"
    assert window.decoded("DTSTART") == draft.consultation_opens.replace(microsecond=0)
    assert window.decoded("DTEND") == draft.consultation_closes.replace(microsecond=0)
    assert window["TRANSP"] == "TRANSPARENT"
    # By their start: the meeting of 2020 before the consultation open now.
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")][0].startswith("meeting-")
    english = events(read_calendar(client, feed(site_tree.en["home"])))
    assert set(english) == set(found)
    assert str(english[f"consultation-{draft.translation_key}@localhost"]["SUMMARY"]) == (
        "Public consultation: Plan draft 0.1"
    )


def test_a_moved_meeting_purges_every_feed_that_shows_it(client, site_tree, monkeypatch):
    """The caching proxy is purged by path: the meeting's file, its group's feed and the
    whole plan's feed go with the pages."""
    purged = []
    monkeypatch.setattr("pagecache.store.purge_url", purged.append)
    meeting = site_tree.lt["meeting"]
    publish(meeting, starts_at=timezone.now().astimezone(VILNIUS) + datetime.timedelta(days=3))
    paths = {url.removeprefix("http://localhost") for url in purged}
    for page in (meeting, site_tree.lt["group"], site_tree.lt["home"]):
        assert feed(page) in paths, (feed(page), paths)


def test_a_meeting_with_an_end_has_its_length_in_calendars_and_on_its_page(client, site_tree):
    meeting = publish(site_tree.lt["meeting"])
    (event,) = read_calendar(client, feed(site_tree.lt["group"])).walk("VEVENT")
    assert "DTEND" not in event  # no end given: none made up

    ends_at = meeting.starts_at + datetime.timedelta(hours=1, minutes=30)
    publish(meeting, ends_at=ends_at)
    (event,) = read_calendar(client, meeting.url + "calendar/").walk("VEVENT")
    assert event.decoded("DTEND") == ends_at and event.decoded("DTEND").hour == 11
    assert event["DTEND"].params["TZID"] == "Europe/Vilnius"
    assert event["SEQUENCE"] == 1  # a new end moves the meeting for calendars
    html = client.get(meeting.url).content.decode()
    start = timezone.localtime(meeting.starts_at)
    assert f"{start:%H:%M}</time>–<time datetime=" in html
    assert ">11:30</time>" in html


def test_a_meeting_cannot_end_before_it_starts(site_tree):
    from django.core.exceptions import ValidationError

    meeting = MeetingPage.objects.get(pk=site_tree.lt["meeting"].pk)
    meeting.ends_at = meeting.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()
    assert "ends_at" in refusal.value.message_dict
