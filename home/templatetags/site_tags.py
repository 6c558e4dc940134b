"""Template tags of the site shell: main menu, breadcrumbs, language links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Page, Site

register = template.Library()


def _localized_root(request):
    """The home page in the active language, looked up once per request."""
    if not hasattr(request, "_localized_root"):
        site = Site.find_for_request(request)
        request._localized_root = site.root_page.localized if site else None
    return request._localized_root


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = _localized_root(request)
    current = context.get("page")
    items = root.get_children().live().public().in_menu() if root else Page.objects.none()
    return {
        "root": root,
        "items": items,
        "current_path": current.path if current else "",
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page.depth > 2 else []
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


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
    translations = {}
    aliases = set()
    if isinstance(page, Page) and page.id:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            code = translation.locale.language_code
            translations[code] = translation
            if content_language(translation):  # an alias showing another language
                aliases.add(code)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
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
                "available": page is None or (code in translations and code not in aliases),
            }
        )
    return links
