"""Working-group meetings as iCalendar events (core.calendars): a group's feed, a meeting's
"Add to calendar" file, and the events the whole plan's feed (home/) gathers."""

from icalendar import Event

from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendars import event_uid, local, schedule_sequences

#: What moves a meeting for a calendar: its times, its place, its cancellation.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "place", "cancelled")


def meeting_sequences(meetings):
    """``{meeting id: SEQUENCE}`` of ``meetings``, in one query."""
    return schedule_sequences(meetings, SCHEDULE_FIELDS)


def meeting_event(meeting, group, request, sequence=0):
    """The meeting as an event in its page's language; ``group`` is its working group."""
    language = meeting.locale.language_code
    url = request.build_absolute_uri(meeting.get_url(request=request))
    event = Event()
    event.add("uid", event_uid("meeting", meeting, request))
    event.add("dtstamp", meeting.last_published_at or timezone.now())
    if meeting.last_published_at:
        event.add("last-modified", meeting.last_published_at)
    event.add("dtstart", local(meeting.starts_at))
    if meeting.ends_at:
        event.add("dtend", local(meeting.ends_at))
    summary = meeting.title
    if meeting.cancelled:
        summary = _("Cancelled: %(meeting)s") % {"meeting": meeting.title}
    event.add("summary", summary, parameters={"LANGUAGE": language})
    if meeting.place:
        event.add("location", meeting.place, parameters={"LANGUAGE": language})
    lines = [group.title] if group else []
    agenda = [str(item.value) for item in meeting.agenda]
    if agenda:
        lines += ["", _("Agenda")]
        lines += [f"{number}. {item}" for number, item in enumerate(agenda, start=1)]
    lines += ["", url]
    event.add("description", "\n".join(lines), parameters={"LANGUAGE": language})
    event.add("url", url)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("class", "PUBLIC")
    return event
