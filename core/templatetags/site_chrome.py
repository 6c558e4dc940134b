"""Template tags of the site's chrome: main menu, breadcrumbs, language links. Templates
keep their output in `{% cache %}` fragments keyed on the chrome's generation
(core.chrome), so each is built once per change of the page tree."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Page, Site

from core.visibility import public_q

register = template.Library()


def _link(page, request):
    """What the chrome shows of a page; `lang` is set for an untranslated page (an alias
    of the original) whose title is in the other language."""
    return {
        "title": page.title,
        "url": page.get_url(request=request),
        "path": page.path,
        "lang": content_language(page),
    }


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page in the active language and its children shown in menus."""
    request = context["request"]
    site = Site.find_for_request(request)
    root = site.root_page.localized if site else None
    items = root.get_children().live().in_menu().filter(public_q()) if root else []
    current = context.get("page")
    return {
        "root": _link(root, request) if root else None,
        "items": [_link(item, request) for item in items],
        "current_path": current.path if isinstance(current, Page) else "",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, here=None):
    """The page's ancestors and the page; ``here`` names a view of the page (one of its
    routes) that follows it as the current crumb."""
    request = context["request"]
    ancestors = []
    if page.depth > 2:
        ancestors = [
            {**_link(ancestor, request), "depth": ancestor.depth}
            for ancestor in page.get_ancestors().filter(depth__gt=1).live()
        ]
    return {
        "ancestors": ancestors,
        "page": page,
        "page_lang": content_language(page),
        "here": here,
        "request": request,
    }


@register.simple_tag
def content_language(page):
    """The language the page's content is written in.

    A page is in its locale's language, except an alias of a page of another locale: the
    English tree follows the Lithuanian one (wagtail-localize's LocaleSynchronization), so
    a Lithuanian page not yet translated is served at its English URL as an alias, with the
    Lithuanian content. None when the content is in the page's own language (no query).
    """
    if not isinstance(page, Page) or not page.alias_of_id:
        return None
    source = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
    if source is not None and source.locale_id != page.locale_id:
        return source.locale.language_code
    return None


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to the same page, for the switcher and hreflang alternates.

    An untranslated page synchronised into the other language (an alias there) links to
    that alias, which shows the original with a notice; it is not offered as an hreflang
    alternate (it is not a translation). A page with neither links to the other language's
    home page.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}  # language code -> (URL, whether it is an alias showing the original)
    if isinstance(page, Page) and page.id:
        translations = {
            translation.locale.language_code: (
                translation.get_url(request=request),
                bool(content_language(translation)),
            )
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code][0]
        elif page is None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == get_language(),
                "available": page is None or (code in translations and not translations[code][1]),
            }
        )
    return links
