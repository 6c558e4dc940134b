"""Page routing from the shell cache: which site answers a host, and which page a path is.

Wagtail finds the page of a request with a query for the site, one for the active locale,
one for the home page and, in our `HomePage.route`, one for the path and one for the page
itself: five queries before the page's own work starts. Sites, locales, slugs and the tree
change only on the events that move the shell's generation (`home.shell`), so the site
of a host and the page of a path are kept there. A request for a known path then costs one
query: the page itself, read fresh (its SQL compiled once per process), so that what it
shows and whether it is live are never older than the database.

`serve` replaces Wagtail's page view in cityplan/urls.py (same name, `wagtail_serve`), so a
database error while routing is an error of the view, as it was (cityplan/outage.py).
Only paths that lead to a page along the tree are kept; a path that ends in a sub-route
(a routable page's feed) or in nothing (404) takes Wagtail's way, so random addresses add
no entries.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from cityplan.compiled_query import CompiledQuery
from home import shell


def _walked_to(page, site, path):
    """Whether the tree walk reached `page` by taking every part of `path` (then the route
    came from `page.route(request, [])`, and reading the page again gives it again)."""
    components = [component for component in path.split("/") if component]
    return page.depth == site.root_page.depth + len(components) and page.url_path.endswith(
        "/" + "".join(f"{component}/" for component in components)
    )


def _site(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return shell.cached("site", hostname, port, build=lambda: Site._find_for_request(request))


# Per page model: its fields' attnames and the query of a page's row by its id, compiled once.
_page_queries = {}


def _page_query(model):
    if model not in _page_queries:
        names = [field.attname for field in model._meta.concrete_fields]
        _page_queries[model] = (
            names,
            CompiledQuery(model, lambda pk: model.objects.filter(pk=pk).values_list(*names)),
        )
    return _page_queries[model]


def _page(page_id, content_type_id):
    """The page, read fresh: what `model.objects.filter(pk=page_id).first()` gives, without
    building and compiling that query on every request."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    names, query = _page_query(model)
    rows = query.run(pk=page_id)
    return model.from_db(router.db_for_read(model), names, rows[0]) if rows else None


def route(request, path):
    """Set the request's site and route (what `Page.route_for_request` would find)."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _site(request)
    site = request._wagtail_site
    if site is None:
        return
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        # What every page address is built from (Wagtail reads it from the cache per request).
        request._wagtail_cached_site_root_paths = shell.cached(
            "site-root-paths", build=Site.get_site_root_paths
        )
    parts = (site.pk, get_language(), path)
    known = shell.stored("route", *parts)
    page = _page(*known) if known else None
    if page is not None:
        try:
            request._wagtail_route_for_request = page.route(request, [])
        except Http404:
            request._wagtail_route_for_request = None
        return
    result = Page.route_for_request(request, path)
    if result is not None and _walked_to(result.page, site, path):
        shell.store("route", *parts, value=(result.page.pk, result.page.content_type_id))


def serve(request, path):
    """Wagtail's page view (`wagtail_serve`), with the site and page found by `route`."""
    route(request, path)
    return wagtail_views.serve(request, path)
