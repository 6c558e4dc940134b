"""What a subscription follows, named for a reader (the manage and unsubscribe pages)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from follows.models import Subscription


def localized(page):
    """``page`` in the active language when it is translated, else ``page`` (specific)."""
    translated = Page.objects.filter(
        translation_key=page.translation_key, locale__language_code=get_language()
    ).first()
    return (translated or page).specific


def followed_name(subscription):
    """E.g. "Working group: Economy…", "News topic: parks"."""
    kind = str(subscription.get_kind_display())
    if subscription.kind == Subscription.Kind.TOPIC:
        name = subscription.topic.name if subscription.topic else ""
    elif subscription.page is None:
        name = ""
    elif not Page.objects.live().public().filter(pk=subscription.page_id).exists():
        # It can still be stopped, but its title is not told once it is no longer public.
        name = _("a page that is no longer public")
    else:
        page = localized(subscription.page)
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
