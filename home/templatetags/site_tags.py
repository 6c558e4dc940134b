"""Template tags of the site shell: main menu, breadcrumbs, language links, and the shell's
markup kept in the shell cache."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page, Site

from home import shell

register = template.Library()


def _link(page, request):
    """What the shell shows of a page; `lang` is set for an untranslated page (an alias of
    the original) whose title is in the other language."""
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

    def build():
        site = Site.find_for_request(request)
        root = site.root_page.localized if site else None
        if root is None:
            return None, []
        items = root.get_children().live().in_menu().filter(shell.public_q())
        return _link(root, request), [_link(item, request) for item in items]

    root, items = shell.cached("menu", shell.site_key(request), get_language(), build=build)
    current = context.get("page")
    return {"root": root, "items": items, "current_path": current.path if current else ""}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]
    ancestors = []
    if page.depth > 2:
        ancestors = shell.cached(
            "breadcrumbs",
            shell.site_key(request),
            page.pk,
            build=lambda: [
                {**_link(ancestor, request), "depth": ancestor.depth}
                for ancestor in page.get_ancestors().filter(depth__gt=1).live()
            ],
        )
    return {
        "ancestors": ancestors,
        "page": page,
        "page_lang": content_language(page),
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

    def build():
        source = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
        if source is not None and source.locale_id != page.locale_id:
            return source.locale.language_code
        return ""

    return shell.cached("content-language", page.pk, build=build) or None


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

        def build():
            return {
                translation.locale.language_code: (
                    translation.get_url(request=request),
                    bool(content_language(translation)),
                )
                for translation in page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            }

        translations = shell.cached("translations", shell.site_key(request), page.pk, build=build)
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


def _fragment_key(part):
    """A saved page stands for its id, a string or a number for itself; anything else
    (None, an unsaved page, a paginator's page on the search view) cannot be a key."""
    if isinstance(part, Page):
        return part.pk
    return part if isinstance(part, (str, int)) else None


class ShellFragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        request = context.get("request")
        parts = [part.resolve(context, ignore_failures=True) for part in self.parts]
        key = [_fragment_key(part) for part in parts]
        if request is None or getattr(request, "is_preview", False) or None in key:
            return self.nodelist.render(context)
        html = shell.cached(
            "fragment",
            self.name,
            shell.site_key(request),
            get_language(),
            *key,
            build=lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 (markup this template rendered, escaped as usual)


@register.tag
def shell_fragment(parser, token):
    """``{% shell_fragment "name" part … %}…{% endshell_fragment %}``: markup of the shell
    that depends only on shell data, the site, the language and the parts given (a page
    stands for its id), rendered once per shell generation and then read from the shell
    cache. Rendered afresh in a preview, or when a part is not a saved page, a string or a
    number (a view that is not a page, such as search, whose header shows the query)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shell_fragment needs a name")
    nodelist = parser.parse(("endshell_fragment",))
    parser.delete_first_token()
    name = template.Variable(bits[1]).resolve({})
    return ShellFragmentNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
