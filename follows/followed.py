"""What can be followed, named by a reader's request: a working group, a plan draft, a
priority of a plan draft, a news topic; only what the public sees (live pages outside
private sections, topics of such news).

A request names its thing by ``page`` (a page id), ``priority`` (a priority's element id)
and ``tag`` (a topic's slug); anything else, or anything not public, names nothing.
"""

import re
import uuid
from dataclasses import dataclass

from django.conf import settings

from taggit.models import Tag
from wagtail.models import Page

from follows.models import Subscription
from news.models import NewsArticlePage, topic_name
from plans.models import PlanDraftPage
from workinggroups.models import WorkingGroupPage

# The largest id PostgreSQL's bigint holds.
MAX_ID = 2**63 - 1
# A tag's slug as taggit makes it: anything else names no tag.
SLUG = re.compile(r"[-\w]{1,100}")


def parse_id(value):
    """A page id typed into a form or URL, or ``None``: ASCII digits within the id range."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()) or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_uuid(value):
    try:
        return uuid.UUID(str(value)) if value and len(str(value)) <= 36 else None
    except ValueError:
        return None


def public_page(page_id):
    """The live page ``page_id`` outside every private section (specific), or ``None``."""
    if page_id is None:
        return None
    page = Page.objects.live().public().filter(pk=page_id).first()
    return page.specific if page is not None else None


def public_topics():
    """The topics of the news the public sees."""
    articles = NewsArticlePage.objects.live().public()
    return Tag.objects.filter(news_newsarticletag_items__content_object__in=articles).distinct()


def public_topic(slug):
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return None
    return public_topics().filter(slug=slug).first()


def priorities(draft):
    """``[(element id, number, title)]`` of a plan draft's priorities, from its stored tree."""
    return [
        (str(block.get("id", "")), number, block.get("value", {}).get("title", ""))
        for number, block in enumerate(draft.plan_tree.raw_data, start=1)
    ]


def priority_id(draft, number):
    """The element id of priority ``number`` of ``draft``, or ""."""
    return next((pid for pid, n, _title in priorities(draft) if n == number), "")


def canonical_page(page):
    """The version of ``page`` a subscription names: the one in the site's main language when
    there is one (a reader following it in English and in Lithuanian follows one thing)."""
    main = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .only("pk")
        .first()
    )
    return main or page


@dataclass
class Followed:
    """One thing to follow: its kind, the page it was asked on (for a topic: ``None``, or
    the article whose topics are offered), the priority's element id, the topic."""

    kind: str
    page: Page | None = None
    priority_id: str = ""
    priority_number: int | None = None
    priority_title: str = ""
    topic: Tag | None = None
    # An article offers its topics to choose from.
    topics: tuple = ()

    @property
    def title(self):
        if self.kind == Subscription.Kind.PRIORITY:
            return f"{self.priority_number}. {self.priority_title} — {self.page.title}"
        if self.kind == Subscription.Kind.TOPIC and self.topic is not None:
            return topic_name(self.topic)
        return self.page.title

    @property
    def url(self):
        if self.kind == Subscription.Kind.PRIORITY:
            return self.page.url + self.page.reverse_subpage(
                "priority", args=[self.priority_number]
            )
        if self.page is not None:
            return self.page.url
        return ""

    def query(self):
        """The form's hidden fields naming this thing."""
        if self.kind == Subscription.Kind.TOPIC and self.page is None:
            return {"tag": self.topic.slug}
        if self.kind == Subscription.Kind.PRIORITY:
            return {"page": str(self.page.pk), "priority": self.priority_id}
        return {"page": str(self.page.pk)}

    def subscription_lookup(self, topic=None):
        """The fields that name this thing in a subscription (``topic``: the one chosen)."""
        if self.kind == Subscription.Kind.TOPIC:
            return {"kind": self.kind, "topic": topic or self.topic}
        lookup = {"kind": self.kind, "page": canonical_page(self.page)}
        if self.kind == Subscription.Kind.PRIORITY:
            lookup["priority_id"] = uuid.UUID(self.priority_id)
        return lookup


def from_request(data):
    """The public thing that ``data`` (a QueryDict) names, or ``None``."""
    tag = data.get("tag", "")
    page_value = data.get("page", "")
    if tag and not page_value:
        topic = public_topic(tag)
        return Followed(Subscription.Kind.TOPIC, topic=topic) if topic else None
    page = public_page(parse_id(page_value))
    if page is not None and public_page(canonical_page(page).pk) is None:
        # A subscription names the page in the main language: its translation is followed
        # only while that page is public too (else the link could never be confirmed).
        return None
    if isinstance(page, WorkingGroupPage):
        return Followed(Subscription.Kind.GROUP, page=page)
    if isinstance(page, PlanDraftPage):
        wanted = data.get("priority", "")
        if not wanted:
            return Followed(Subscription.Kind.PLAN, page=page)
        wanted = parse_uuid(wanted)
        for pid, number, title in priorities(page) if wanted else ():
            if parse_uuid(pid) == wanted:
                return Followed(
                    Subscription.Kind.PRIORITY,
                    page=page,
                    priority_id=str(wanted),
                    priority_number=number,
                    priority_title=title,
                )
        return None
    if isinstance(page, NewsArticlePage):
        topics = tuple(page.tags.order_by("name"))
        return Followed(Subscription.Kind.TOPIC, page=page, topics=topics) if topics else None
    return None


def describe(subscription):
    """``(title, url)`` of what a subscription follows, in the active language, or
    ``None`` when it is no longer public (a page unpublished or made private, a topic no
    public news has)."""
    kind = subscription.kind
    if kind == Subscription.Kind.TOPIC:
        topic = public_topics().filter(pk=subscription.topic_id).first()
        return (topic_name(topic), "") if topic else None
    page = public_page(subscription.page_id)
    if page is None:
        return None
    localized = page.localized
    localized = public_page(localized.pk) or page
    if kind == Subscription.Kind.PRIORITY:
        for pid, number, title in priorities(localized):
            if parse_uuid(pid) == subscription.priority_id:
                url = localized.url + localized.reverse_subpage("priority", args=[number])
                return f"{number}. {title} — {localized.title}", url
        return None
    return localized.title, localized.url
