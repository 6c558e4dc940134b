"""iCalendar (RFC 5545) feeds of the site: a calendar in the reader's language, its events'
stable identities and the times in Vilnius, whatever the reader's calendar app.

Times are written in the Europe/Vilnius zone (``DTSTART;TZID=Europe/Vilnius:…``) with its
VTIMEZONE: calendar apps then keep a meeting at 10:00 in Alytus across daylight saving time,
and Outlook, which needs the zone spelled out, reads it as Google and Apple do. The zone is
written as its rules (EET/EEST, the EU's last Sundays of March and October since 2003), not
as the list of every change that the library would generate until 2038.

An event's UID is its page's translation key at the site's domain, so the Lithuanian and the
English feed name the same meeting the same way. Its SEQUENCE counts the times its schedule
changed among the page's published versions (``schedule_sequences``): nothing to store or
keep in step, and a version saved but not published changes nothing.
"""

import datetime
import zoneinfo

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vDuration

from django.db.models.fields.json import KeyTransform
from django.http import HttpResponse
from django.utils import timezone

from wagtail.models import PageLogEntry, Site

PRODUCT = "-//Alytus City Municipality//Strategic plan 2030//LT"
ZONE = "Europe/Vilnius"
#: How often a subscribed calendar app should read the feed again.
REFRESH = datetime.timedelta(hours=1)


def vilnius_zone():
    """The VTIMEZONE of Europe/Vilnius by its rules since 2003 (EU summer time)."""
    zone = Timezone()
    zone.add("tzid", ZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 4, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", datetime.timedelta(hours=3))
    standard.add("tzoffsetto", datetime.timedelta(hours=2))
    standard.add("tzname", "EET")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 3, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=2))
    daylight.add("tzoffsetto", datetime.timedelta(hours=3))
    daylight.add("tzname", "EEST")
    zone.add_component(standard)
    zone.add_component(daylight)
    return zone


def new_calendar(name):
    """An empty calendar called ``name``, with the Vilnius zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what Google and Apple read
    calendar.add("x-wr-timezone", ZONE)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(vilnius_zone())
    return calendar


def local(moment):
    """``moment`` in Vilnius time, written with the zone's TZID."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(ZONE))


def site_domain(request):
    """The site's host name (not the address the request came by): the UIDs' domain."""
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def event_uid(kind, page, request):
    """``kind-<translation key>@<domain>``: the same in every language of the page."""
    return f"{kind}-{page.translation_key}@{site_domain(request)}"


def schedule_sequences(pages, fields):
    """``{page id: SEQUENCE}``: how often the values of ``fields`` (a meeting's time and
    place) changed from one published version of each page to the next, in one query."""
    values = {f"schedule_{name}": KeyTransform(name, "revision__content") for name in fields}
    rows = (
        PageLogEntry.objects.filter(
            page_id__in=[page.pk for page in pages],
            action="wagtail.publish",
            revision__isnull=False,
        )
        .order_by("page_id", "timestamp", "pk")
        .values("page_id", **values)
    )
    sequences, last = {}, {}
    for row in rows:
        page_id = row["page_id"]
        schedule = tuple(row.get(f"schedule_{name}") or None for name in fields)
        if page_id in last and last[page_id] != schedule:
            sequences[page_id] = sequences.get(page_id, 0) + 1
        last[page_id] = schedule
    return sequences


def calendar_response(calendar, filename, language):
    """The calendar as ``text/calendar`` (UTF-8), saved as ``filename`` when downloaded."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = language
    return response
