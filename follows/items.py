"""What a subscription reports for a time window: its items, read from published content only.

Every item comes from the public record: a publication in Wagtail's log (an article, a
meeting, a plan version), a consultation date that passed, a published official answer.
An item is shown only if its page is live and public now (no view restriction on it or an
ancestor), and in the subscriber's language only: the page's translation in that locale,
or nothing. The English site lists only English pages (a group's news, its meetings), and
an untranslated page reported in Lithuanian would be reported again when its translation
is published; the translation's first publication is then the item.

Each item has a stable ``key`` (what the sent log records: nothing is told twice) and an
``entry``: the items of one entry (a meeting with its agenda, minutes and decisions; an
article published several times) are shown together, under one link.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.models import Locale, Page, PageLogEntry

from core.versions import published_revisions
from core.visibility import public_q
from feedback import conf
from feedback.emails import excerpt
from feedback.models import PublicComment
from follows.models import Subscription
from news.models import NewsArticlePage, topic_name
from plans.changes import summary
from plans.compare import Comparison
from plans.models import PlanDraftPage
from plans.tree import build_outline
from workinggroups.models import MeetingPage

KIND_LABELS = {
    "article_new": gettext_lazy("New article"),
    "article_changed": gettext_lazy("Article updated"),
    "meeting_new": gettext_lazy("New meeting"),
    "meeting_agenda": gettext_lazy("Agenda published"),
    "meeting_minutes": gettext_lazy("Minutes published"),
    "meeting_decisions": gettext_lazy("Decisions published"),
    "meeting_moved": gettext_lazy("Meeting moved"),
    "meeting_cancelled": gettext_lazy("Meeting cancelled"),
    "version": gettext_lazy("New version"),
    "consultation_opens": gettext_lazy("Public consultation opened"),
    "consultation_closes": gettext_lazy("Public consultation closed"),
    "answer": gettext_lazy("The municipality answered a comment"),
}

INTRO_LENGTH = 200


@dataclass
class Item:
    """One thing to tell a follower, with the one link that shows it."""

    key: str
    kind: str
    at: datetime
    title: str
    url: str
    entry: str
    details: list = field(default_factory=list)

    @property
    def label(self):
        return KIND_LABELS[self.kind]


@dataclass
class Followed:
    """A followed thing as the subscriber reads it: its name, link and items."""

    subscription: Subscription
    title: str
    url: str
    items: list


def absolute(url):
    """An address on the public site for an e-mail."""
    return url if url.startswith(("http://", "https://")) else conf.site_url() + url


def locale_of(subscription):
    return Locale.objects.filter(language_code=subscription.language).first()


def visible(queryset):
    """Live pages outside every private section."""
    return queryset.live().filter(public_q())


def in_locale(page, locale, model=Page):
    """The live, public translation of ``page`` in ``locale`` (specific), or ``None``."""
    if page is None or locale is None:
        return None
    found = visible(model.objects.filter(translation_key=page.translation_key, locale=locale))
    found = found.first()
    return found.specific if found is not None else None


def publications(pages, since, until):
    """The log entries of publications of ``pages`` (a queryset) inside the window."""
    return (
        PageLogEntry.objects.filter(
            action="wagtail.publish",
            revision__isnull=False,
            page__in=pages.values("pk"),
            timestamp__gte=since,
            timestamp__lt=until,
        )
        .select_related("revision")
        .order_by("timestamp", "pk")
    )


def stream_data(value):
    """A StreamField's blocks as a revision stores them (a list, or its JSON text)."""
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return value or []


def local_datetime(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def local_time_span(starts_at, ends_at):
    """When a meeting is, as its page shows it: the end's time alone on the same day."""
    if not ends_at:
        return local_datetime(starts_at)
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if end.date() == start.date():
        return f"{local_datetime(starts_at)}–{formats.time_format(end, 'TIME_FORMAT')}"
    return f"{local_datetime(starts_at)}–{local_datetime(ends_at)}"


# --- News ----------------------------------------------------------------------------------


def article_items(articles, since, until):
    """New and changed articles of ``articles`` (live, public, one locale) in the window."""
    entries = list(publications(articles, since, until))
    if not entries:
        return []
    pages = {page.pk: page for page in articles.filter(pk__in={e.page_id for e in entries})}
    first = dict(
        PageLogEntry.objects.filter(
            action="wagtail.publish", revision__isnull=False, page__in=list(pages)
        )
        .values("page")
        .annotate(first=Min("pk"))
        .values_list("page", "first")
    )
    items = []
    for entry in entries:
        page = pages.get(entry.page_id)
        if page is None:
            continue
        items.append(
            Item(
                key=f"article:{page.pk}:rev:{entry.revision_id}",
                kind="article_new" if first.get(page.pk) == entry.pk else "article_changed",
                at=entry.timestamp,
                title=page.title,
                url=absolute(page.get_url()),
                entry=f"page:{page.pk}",
                details=[excerpt(page.intro, INTRO_LENGTH)] if page.intro else [],
            )
        )
    return items


def group_articles(group, locale):
    return visible(
        NewsArticlePage.objects.filter(
            locale=locale, related_groups__translation_key=group.translation_key
        )
    ).distinct()


def topic_articles(tag, locale):
    """Articles with the tag, in ``locale``: tags are the source's, so translations are
    found by their source's translation key."""
    tagged = NewsArticlePage.objects.filter(tags=tag).values("translation_key")
    return visible(NewsArticlePage.objects.filter(locale=locale, translation_key__in=tagged))


# --- Meetings ------------------------------------------------------------------------------


def moved(before, after):
    """Whether a meeting moved between two versions' ``(start, place, end)``: a new start or
    place, or a new end where both give one (an end given or left out is not a move)."""
    if before[:2] != after[:2]:
        return True
    return None not in (before[2], after[2]) and before[2] != after[2]


def meeting_facets(revisions):
    """``[(facet, revision, key)]``: the first published version of a meeting, the first that
    carried an agenda, minutes and decisions, each version that moved it (a new start, end
    or place) and the one that cancelled it."""
    facets, found, previous = [], set(), None
    for revision in revisions:
        content = revision.content
        present = {
            "meeting_new": True,
            "meeting_agenda": stream_data(content.get("agenda")),
            "meeting_minutes": content.get("minutes"),
            "meeting_decisions": stream_data(content.get("decisions")),
            "meeting_cancelled": content.get("cancelled"),
        }
        for facet, is_there in present.items():
            if is_there and facet not in found:
                found.add(facet)
                facets.append((facet, revision, facet.removeprefix("meeting_")))
        schedule = (content.get("starts_at"), content.get("place"), content.get("ends_at"))
        if previous is not None and moved(previous, schedule) and not content.get("cancelled"):
            facets.append(("meeting_moved", revision, f"moved:{revision.pk}"))
        previous = schedule
    return facets


def meeting_details(meeting, facet):
    if facet in ("meeting_new", "meeting_moved", "meeting_cancelled"):
        return [f"{local_time_span(meeting.starts_at, meeting.ends_at)}, {meeting.place}"]
    if facet == "meeting_agenda":
        return [str(block.value) for block in meeting.agenda]
    if facet == "meeting_minutes" and meeting.minutes is not None:
        return [meeting.minutes.title]
    if facet == "meeting_decisions":
        count = len(meeting.decisions)
        return [ngettext("%(count)s decision", "%(count)s decisions", count) % {"count": count}]
    return []


def meeting_items(group, since, until):
    """New meetings of ``group`` (in its locale) and, as their own items, their agenda,
    minutes and decisions when a published version first carries them, a new time or place,
    and a cancellation (then only that: nobody is asked to come to a cancelled meeting)."""
    meetings = visible(MeetingPage.objects.descendant_of(group))
    entries = publications(meetings, since, until)
    changed = {entry.page_id for entry in entries}
    items = []
    for meeting in meetings.filter(pk__in=changed).select_related("minutes"):
        url = absolute(meeting.get_url())
        for facet, revision, key in meeting_facets(published_revisions(meeting)):
            if not since <= revision.published_at < until:
                continue
            if meeting.cancelled and facet != "meeting_cancelled":
                continue  # a cancelled meeting is told as cancelled, not as new or moved
            items.append(
                Item(
                    key=f"meeting:{meeting.pk}:{key}",
                    kind=facet,
                    at=revision.published_at,
                    title=meeting.title,
                    url=url,
                    entry=f"page:{meeting.pk}",
                    details=meeting_details(meeting, facet),
                )
            )
    return items


# --- Plan drafts and priorities ------------------------------------------------------------


def compare_url(draft, older, newer):
    return absolute(
        draft.get_url()
        + draft.reverse_subpage("compare_versions")
        + f"?from={older.pk}&to={newer.pk}"
    )


def version_title(version):
    if version.version_label:
        return _("Version %(version)s") % {"version": version.version_label}
    return _("Version of %(date)s") % {"date": local_datetime(version.published_at)}


def new_versions(draft, since, until):
    """``(versions, [the versions published in the window])``."""
    versions = published_revisions(draft)
    return versions, [v for v in versions if since <= v.published_at < until]


def summary_lines(changes):
    """The semantic summary of plan-tree changes ("2 measures added"), one line each."""
    return [line.text for line in summary(changes)]


def version_items(draft, since, until):
    """Each version of ``draft`` published in the window, with what changed in it."""
    versions, published = new_versions(draft, since, until)
    items = []
    for version in published:
        details = []
        if version.change_note:
            details.append(excerpt(version.change_note, INTRO_LENGTH))
        if version.previous is None:
            url = absolute(draft.get_url())
            details.append(_("The first published version."))
        else:
            url = compare_url(draft, version.previous, version)
            comparison = Comparison(draft, versions, version.previous, version, with_links=False)
            sections = sum(1 for s in comparison.sections if s.status != "unchanged")
            if sections:
                details.append(
                    ngettext(
                        "%(count)s section of the text changed",
                        "%(count)s sections of the text changed",
                        sections,
                    )
                    % {"count": sections}
                )
            details += summary_lines(comparison.elements)
        items.append(
            Item(
                key=f"version:{version.pk}",
                kind="version",
                at=version.published_at,
                title=version_title(version),
                url=url,
                entry=f"version:{version.pk}",
                details=details,
            )
        )
    return items


def priority_of_elements(page):
    """``{element id: its priority's id}`` of a version of a plan draft."""
    found = {}
    for priority in build_outline(page.plan_tree):
        for element in priority.walk():
            found[element.id] = priority.id
    return found


def priority_version_items(draft, priority_id, since, until):
    """The versions published in the window that changed something in the priority."""
    priority_id = str(priority_id)
    versions, published = new_versions(draft, since, until)
    items = []
    for version in published:
        if version.previous is None:
            continue
        comparison = Comparison(draft, versions, version.previous, version, with_links=False)
        older, newer = (priority_of_elements(page) for page in comparison.version_pages)
        changes = [
            change
            for change in comparison.elements
            if priority_id in (newer.get(change.id), older.get(change.id))
        ]
        if not changes:
            continue
        items.append(
            Item(
                key=f"version:{version.pk}:priority:{priority_id}",
                kind="version",
                at=version.published_at,
                title=version_title(version),
                url=compare_url(draft, version.previous, version),
                entry=f"version:{version.pk}",
                details=summary_lines(changes),
            )
        )
    return items


def consultation_items(draft, since, until):
    """The opening and the closing of the draft's consultation, when they pass in the
    window (keyed by the date: a consultation moved and opened again is told again)."""
    items = []
    opens, closes = draft.consultation_opens, draft.consultation_closes
    url = absolute(draft.get_url())
    if opens and since <= opens < until:
        details = []
        if closes:
            details.append(
                _("Comments are accepted until %(date)s") % {"date": local_datetime(closes)}
            )
        items.append(
            Item(
                key=f"consultation:{draft.pk}:opens:{opens.isoformat()}",
                kind="consultation_opens",
                at=opens,
                title=draft.title,
                url=url,
                entry=f"consultation:{draft.pk}:opens",
                details=details,
            )
        )
    if closes and since <= closes < until:
        items.append(
            Item(
                key=f"consultation:{draft.pk}:closes:{closes.isoformat()}",
                kind="consultation_closes",
                at=closes,
                title=draft.title,
                url=url,
                entry=f"consultation:{draft.pk}:closes",
                details=[_("Comments are closed. Thank you to everyone who took part.")],
            )
        )
    return items


# --- Answers to comments -------------------------------------------------------------------


def answer_items(page, since, until):
    """The municipality's official answers to comments on ``page``, published in the window."""
    answers = (
        PublicComment.objects.published()
        .filter(
            is_official=True,
            content_type=ContentType.objects.get_for_model(page.specific_class),
            object_pk=str(page.pk),
            submit_date__gte=since,
            submit_date__lt=until,
        )
        .order_by("submit_date", "pk")
    )
    return [
        Item(
            key=f"answer:{answer.pk}",
            kind="answer",
            at=answer.submit_date,
            title=answer.section_title or page.title,
            url=absolute(answer.get_absolute_url()),
            entry=f"answer:{answer.pk}",
            details=[excerpt(answer.comment)],
        )
        for answer in answers
    ]


# --- One subscription ----------------------------------------------------------------------


def priority_title(draft, priority_id):
    """ "Priority 2. <title>" of the live draft, or "" when it has no such priority."""
    for number, block in enumerate(draft.plan_tree.raw_data, start=1):
        if str(block.get("id")) == str(priority_id):
            return _("Priority %(number)s. %(title)s") % {
                "number": number,
                "title": block["value"].get("title", ""),
            }
    return ""


def followed(subscription, since, until):
    """What ``subscription`` reports in ``[since, until)``, or ``None`` when the thing it
    follows is not public in its language (then nothing of it is told)."""
    locale = locale_of(subscription)
    kind = subscription.kind
    if kind == Subscription.Kind.TOPIC:
        if subscription.topic is None or locale is None:
            return None
        tag = subscription.topic
        title = _("Topic: %(topic)s") % {"topic": topic_name(tag)}
        articles = topic_articles(tag, locale)
        index = articles.first()
        url = absolute(index.get_parent().get_url() + f"?tag={tag.slug}") if index else ""
        return Followed(subscription, title, url, article_items(articles, since, until))
    if kind == Subscription.Kind.GROUP:
        group = in_locale(subscription.page, locale)
        if group is None:
            return None
        items = [
            *article_items(group_articles(group, locale), since, until),
            *meeting_items(group, since, until),
            *answer_items(group, since, until),
        ]
        return Followed(subscription, group.title, absolute(group.get_url()), items)
    draft = in_locale(subscription.page, locale, PlanDraftPage)
    if draft is None:
        return None
    if kind == Subscription.Kind.PRIORITY:
        title = priority_title(draft, subscription.priority_id)
        if not title:
            return None
        items = [
            *priority_version_items(draft, subscription.priority_id, since, until),
            *consultation_items(draft, since, until),
        ]
        return Followed(subscription, f"{title} ({draft.title})", absolute(draft.get_url()), items)
    items = [
        *version_items(draft, since, until),
        *consultation_items(draft, since, until),
        *answer_items(draft, since, until),
    ]
    return Followed(subscription, draft.title, absolute(draft.get_url()), items)
