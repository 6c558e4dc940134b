"""Template tags of the workflow e-mails."""

from django import template

from approvals import notifications

register = template.Library()


@register.simple_tag
def page_address(page):
    """The page's public address on the site's address (``WAGTAILADMIN_BASE_URL``)."""
    return notifications.page_address(page)
