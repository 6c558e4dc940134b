"""`{% calendar_links url label %}`: a calendar feed to subscribe to (the webcal address
that opens the reader's calendar app) or to download once, at the address the reader
came by."""

from django import template

register = template.Library()


def webcal(url):
    """https://host/path → webcal://host/path."""
    _scheme, _separator, rest = url.partition("://")
    return f"webcal://{rest}"


@register.inclusion_tag("core/includes/calendar_links.html", takes_context=True)
def calendar_links(context, url, label):
    """``url``: the feed's address on this site (a path)."""
    feed = context["request"].build_absolute_uri(url)
    return {"label": label, "url": url, "subscribe_url": webcal(feed)}
