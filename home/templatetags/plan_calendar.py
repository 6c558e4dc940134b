"""`{% plan_calendar_url page as url %}`: the address of the whole plan's calendar (every
group's meetings and every draft's consultation, a route of the home page) for the pages of
the sections, which cannot import the home page."""

from django import template

from home.models import HomePage

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_calendar_url(context, page):
    """The address of the calendar of the home page above ``page`` ("" without one)."""
    home = HomePage.objects.ancestor_of(page, inclusive=True).first()
    if home is None:
        return ""
    return home.get_url(request=context.get("request")) + home.reverse_subpage("calendar")
