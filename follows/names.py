"""What a subscription follows, named for a reader (the manage and unsubscribe pages, and a
resident's data)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.visibility import public_page_ids
from follows.models import Subscription
from news.models import named_topics


def followed_names(subscriptions):
    """E.g. "Working group: Economy…", "News topic: parks": the name of each of
    ``subscriptions`` (with their ``page`` and ``topic`` selected), in
    the active language where the page has a live translation, read in a fixed number of
    queries however many there are. A page that is no longer public is not named."""
    pages = [s.page for s in subscriptions if s.kind != Subscription.Kind.TOPIC and s.page]
    public = public_page_ids(page.pk for page in pages)
    shown = {page.pk: page for page in pages if page.pk in public}
    translations = Page.objects.live().filter(
        translation_key__in={page.translation_key for page in shown.values()},
        locale__language_code=get_language(),
    )
    in_language = {page.translation_key: page for page in translations.specific()}
    originals = Page.objects.filter(
        pk__in=[pk for pk, page in shown.items() if page.translation_key not in in_language]
    )
    specific = {page.pk: page for page in originals.specific()}
    for pk, page in shown.items():
        shown[pk] = in_language.get(page.translation_key) or specific[pk]
    topics = {
        topic.tag.pk: topic.name
        for topic in named_topics({s.topic_id: s.topic for s in subscriptions if s.topic}.values())
    }
    return [_name(subscription, shown, topics) for subscription in subscriptions]


def _name(subscription, shown, topics):
    kind = str(subscription.get_kind_display())
    if subscription.kind == Subscription.Kind.TOPIC:
        name = topics.get(subscription.topic_id, "")
    elif subscription.page is None:
        name = ""
    elif subscription.page_id not in shown:
        # It can still be stopped, but its title is not told once it is no longer public.
        name = _("a page that is no longer public")
    else:
        page = shown[subscription.page_id]
        name = page.title
        if subscription.kind == Subscription.Kind.PRIORITY:
            for number, block in enumerate(page.plan_tree.raw_data, start=1):
                if str(block.get("id")) == str(subscription.priority_id):
                    name = _("%(number)s. %(title)s, in “%(plan)s”") % {
                        "number": number,
                        "title": block["value"].get("title", ""),
                        "plan": page.title,
                    }
    return f"{kind[:1].upper()}{kind[1:]}: {name}"
