"""A plan draft's public consultation: its phases as the public sees them (planned → open →
closed → report published) and its window as a calendar event (core.calendars)."""

from dataclasses import dataclass

from icalendar import Event

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.calendars import event_uid, local, schedule_sequences

PHASE_LABELS = {
    "planned": pgettext_lazy("consultation phase", "Planned"),
    "open": pgettext_lazy("consultation phase", "Open for comments"),
    "closed": pgettext_lazy("consultation phase", "Closed"),
    "report_published": pgettext_lazy("consultation phase", "Report published"),
}

# A step still ahead says what will happen ("Closes 4 February"), not what has happened.
AHEAD_LABELS = {
    "open": pgettext_lazy("consultation phase", "Opens"),
    "closed": pgettext_lazy("consultation phase", "Closes"),
}

#: What moves a consultation for a calendar: its opening and its closing.
WINDOW_FIELDS = ("consultation_opens", "consultation_closes")


@dataclass
class ConsultationPhase:
    """One step of a consultation: since when (None: not reached, or planned, which has no
    date of its own) and whether it is "done", "current" or "ahead"."""

    key: str
    date: object = None
    state: str = "ahead"

    @property
    def label(self):
        if self.state == "ahead" and self.date:
            return AHEAD_LABELS.get(self.key, PHASE_LABELS[self.key])
        return PHASE_LABELS[self.key]

    @property
    def with_time(self):
        """Comments open and close at a time of day; the report is made on a day."""
        return self.key in ("open", "closed")


def window_sequences(drafts):
    """``{draft id: SEQUENCE}``: how often each consultation window moved, in one query."""
    return schedule_sequences(drafts, WINDOW_FIELDS)


def consultation_event(draft, request, sequence=0):
    """The draft's consultation window as an event in its page's language: free time in
    the reader's calendar (TRANSPARENT), from the opening to the closing."""
    language = draft.locale.language_code
    url = request.build_absolute_uri(draft.get_url(request=request))
    event = Event()
    event.add("uid", event_uid("consultation", draft, request))
    event.add("dtstamp", draft.last_published_at or timezone.now())
    if draft.last_published_at:
        event.add("last-modified", draft.last_published_at)
    event.add("dtstart", local(draft.consultation_opens))
    event.add("dtend", local(draft.consultation_closes))
    summary = _("Public consultation: %(draft)s") % {"draft": draft.title}
    event.add("summary", summary, parameters={"LANGUAGE": language})
    lines = [draft.summary, ""] if draft.summary else []
    lines += [_("Comments are accepted on the draft's page until the consultation closes."), url]
    event.add("description", "\n".join(lines), parameters={"LANGUAGE": language})
    event.add("url", url)
    event.add("sequence", sequence)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    return event
