"""Site search over the public pages in the visitor's language and the documents.

`search` is the results page (filters by type, working group and date; promoted results;
highlighted snippets; pagination). `suggest` answers the header search box's autocomplete.
Both answer 503 with a message, never 500, when the search server is down.

Results are the same for every anonymous reader, so their answers carry a Cache-Control
max-age of SEARCH_CACHE_SECONDS: the page cache and a caching proxy keep a popular search
that long (a search answered from a cache is not counted in the promotions' hits). A
logged-in user's answers are never kept.
"""

import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from core.visibility import public_q
from pagecache.middleware import shared_with_readers
from search import site_search
from search.content import KINDS, working_group_model

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MIN_SUGGEST_LENGTH = 2


def _language():
    language = (get_language() or "lt").split("-")[0]
    return language if language in ("lt", "en") else "lt"


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def promotions(query, locale):
    """Editors' promoted results for ``query`` that a visitor in ``locale`` may open."""
    picks = []
    for pick in Query.get(query).editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page
            if not page.live or page.locale_id != locale.pk:
                continue
            picks.append(
                {
                    "title": page.title,
                    "url": page.get_url(),
                    "description": pick.description or page.search_description,
                }
            )
        elif pick.external_link_url:
            picks.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return picks


@shared_with_readers(lambda: settings.SEARCH_CACHE_SECONDS)
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    groups = working_group_model().objects.live().filter(public_q()).filter(locale=locale)
    groups = groups.order_by("number", "title")
    kind = request.GET.get("type", "")
    filters = site_search.Filters(
        kind=kind if kind in KINDS else "",
        group=groups.filter(pk=request.GET.get("group") or None).first()
        if (request.GET.get("group") or "").isdigit()
        else None,
        date_from=_date(request.GET.get("from")),
        date_to=_date(request.GET.get("to")),
    )
    context = {
        "search_query": query,
        "results": None,
        "kinds": list(KINDS.items()),
        "groups": groups,
        "filters": filters,
    }
    if not query:
        return render(request, "search/search.html", context)
    try:
        found = site_search.search(
            query,
            _language(),
            locale,
            filters=filters,
            page_number=_page_number(request.GET.get("page")),
            per_page=RESULTS_PER_PAGE,
        )
    except site_search.SearchUnavailable:
        logger.exception("Search failed for %r", query)
        context["search_error"] = _(
            "Search is temporarily unavailable. Please try again in a few minutes."
        )
        return render(request, "search/search.html", context, status=503)
    page = found.page
    page.object_list = found.results
    kept = {
        key: value
        for key, value in (
            ("q", query),
            ("type", filters.kind),
            ("group", filters.group.pk if filters.group else ""),
            ("from", filters.date_from.isoformat() if filters.date_from else ""),
            ("to", filters.date_to.isoformat() if filters.date_to else ""),
        )
        if value
    }
    context.update(
        results=page,
        facets=found.facets,
        facet_total=sum(found.facets.values()),
        query_prefix=urlencode(kept),
        # The same without the type: the links of the type filter add theirs.
        filter_prefix=urlencode({key: value for key, value in kept.items() if key != "type"}),
        promotions=promotions(query, locale) if page.number == 1 else [],
        filtered=bool(filters.kind or filters.group or filters.date_from or filters.date_to),
    )
    Query.get(query).add_hit()
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    """``{"suggestions": [{"title", "kind"}, ...]}`` for the words typed so far."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if len(query) < MIN_SUGGEST_LENGTH:
        return JsonResponse({"suggestions": []})
    try:
        suggestions = site_search.suggest(query, Locale.get_active())
    except site_search.SearchUnavailable:
        logger.exception("Suggestions failed for %r", query)
        return JsonResponse(
            {"suggestions": [], "error": _("Suggestions are temporarily unavailable.")},
            status=503,
        )
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "max-age=60"
    return response
