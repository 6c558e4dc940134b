"""The footer's links to the accessibility statement and the information index. The footer
keeps its output in a `{% cache %}` fragment keyed on the chrome's generation, which every
publish, move and unpublish of a page moves (core.changes)."""

from django import template

from wagtail.models import Site

from core.templatetags.site_chrome import content_language
from core.visibility import public_q
from home.models import AccessibilityStatementPage, InformationIndexPage

register = template.Library()

FOOTER_PAGE_TYPES = [AccessibilityStatementPage, InformationIndexPage]


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The live public accessibility statement and information index of the site in the
    active language, in that order."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    home = site.root_page.localized
    pages = home.get_children().live().filter(public_q()).type(*FOOTER_PAGE_TYPES)
    pages = sorted(pages, key=lambda page: FOOTER_PAGE_TYPES.index(page.specific_class))
    return [
        {
            "title": page.title,
            "url": page.get_url(request=request),
            "lang": content_language(page),
        }
        for page in pages
    ]
