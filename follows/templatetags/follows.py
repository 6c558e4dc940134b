"""``{% follow_form %}``: "Follow by e-mail" on a page, for the sections' templates (which
do not import follows). It renders a link to the form, never the form: pages are cached,
the form's CSRF token is not (follows/views.py)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from follows import followed as things

register = template.Library()


@register.inclusion_tag("follows/includes/follow.html")
def follow_form(page=None, priority=None, topic=None, label=""):
    """The disclosure of the follow form: of ``page`` (a working group, a plan draft, a
    news article, whose topics it offers), of its priority number ``priority``, or of a
    news ``topic`` (a tag)."""
    if topic is not None:
        query = {"tag": topic.slug}
    elif page is not None:
        query = {"page": page.pk}
        if priority is not None:
            query["priority"] = things.priority_id(page, priority)
    else:
        return {}
    return {"url": f"{reverse('follows:follow')}?{urlencode(query)}", "label": label}
