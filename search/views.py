"""Site search over the public pages in the visitor's language and the documents.

`search` is the results page (filters by type, working group and date; promoted results;
highlighted snippets; pagination). `suggest` answers the header search box's autocomplete.
Both answer 503 with a message, never 500, when the search server is down.

Input is cleaned before anything else: the query (Unicode NFKC, no control or invisible
characters, whitespace runs as one space, at most MAX_QUERY_LENGTH characters), numbers
written in ASCII digits only, dates that exist; anything else is ignored, never a 500.

Editors see in "Frequent searches" (search_promotions' `Query`) what visitors look for: a
search is counted only when it finds something (results or promoted results) on its first
page, so that random or hostile strings never fill the report or the table.

Results are the same for every reader: the rendered results of a search are kept in Django's
cache until the content changes (keyed on the chrome's generation, which every publish,
unpublish, privacy, document and promotion change moves), so a search asked again costs no
search-server request (it is counted all the same). The whole answer to an
anonymous reader also carries a Cache-Control max-age of SEARCH_CACHE_SECONDS, for the page
cache and a caching proxy. A logged-in user's answers are never kept by those.
"""

import datetime
import hashlib
import logging
import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale
from wagtail.search.utils import normalise_query_string

from core import chrome
from core.visibility import public_q
from pagecache.middleware import shared_with_readers
from search import site_search
from search.content import KINDS, working_group_model

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MIN_SUGGEST_LENGTH = 2
# A larger page number shows the last page.
MAX_PAGE_NUMBER = 1000
MAX_ID = 2**31 - 1


def _language():
    language = (get_language() or "lt").split("-")[0]
    return language if language in ("lt", "en") else "lt"


def clean_query(value):
    """What a visitor typed, as it is searched, shown and counted (see the module)."""
    text = unicodedata.normalize("NFKC", (value or "")[: MAX_QUERY_LENGTH * 4])
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" or category.startswith("Z"):  # controls (NUL, tabs), spaces
            kept.append(" ")
        elif not category.startswith("C"):  # other invisible ones are dropped
            kept.append(char)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH].strip()


def _whole_number(value):
    """A number written in ASCII digits, or None (for "abc", "-1", "²", "")."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else None


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _page_number(value):
    value = value or ""
    if value.isascii() and value.isdigit():
        return max(1, MAX_PAGE_NUMBER if len(value) > 4 else min(int(value), MAX_PAGE_NUMBER))
    return 1


def promotions(query, locale):
    """Editors' promoted results for ``query`` that a visitor in ``locale`` may open: pages
    that are live, public (no view restriction on them or above) and in that language."""
    picks = []
    promoted = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).order_by(
            "sort_order"
        )
    )
    page_ids = [pick.page_id for pick in promoted if pick.page_id]
    pages = (
        {page.pk: page for page in site_search.public_pages(locale).filter(pk__in=page_ids)}
        if page_ids
        else {}
    )
    for pick in promoted:
        if pick.page_id:
            page = pages.get(pick.page_id)
            if page is None:
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
    query = clean_query(request.GET.get("q"))
    locale = Locale.get_active()
    groups = working_group_model().objects.live().filter(public_q()).filter(locale=locale)
    groups = groups.order_by("number", "title")
    kind = request.GET.get("type", "")
    group_id = _whole_number(request.GET.get("group"))
    filters = site_search.Filters(
        kind=kind if kind in KINDS else "",
        group=groups.filter(pk=group_id).first() if group_id and group_id <= MAX_ID else None,
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
    number = _page_number(request.GET.get("page"))
    # The results are kept rendered until the next change of content (the chrome's
    # generation moves on every publish, unpublish, privacy change and document change).
    key = results_key(query, _language(), locale, filters, number)
    kept = cache.get(key)
    if kept is None:
        try:
            kept = render_results(request, query, locale, filters, number)
        except site_search.SearchUnavailable:
            logger.exception("Search failed for %r", query)
            context["search_error"] = _(
                "Search is temporarily unavailable. Please try again in a few minutes."
            )
            return render(request, "search/search.html", context, status=503)
        cache.set(key, kept, chrome.SECONDS)
    context["results_html"], found_something = kept
    if number == 1 and found_something:
        Query.get(query).add_hit()
    return render(request, "search/search.html", context)


def results_key(query, language, locale, filters, number):
    parts = (
        chrome.generation(),
        language,
        locale.pk,
        query,
        filters.kind,
        filters.group.pk if filters.group else "",
        filters.date_from or "",
        filters.date_to or "",
        number,
    )
    digest = hashlib.sha256(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"search:results:{digest}"


def render_results(request, query, locale, filters, number):
    """The results of one search, rendered, and whether it found something (results or
    promoted results on its first page: what counts a search)."""
    found = site_search.search(
        query,
        _language(),
        locale,
        filters=filters,
        page_number=number,
        per_page=RESULTS_PER_PAGE,
    )
    page = found.page
    page.object_list = found.results
    picks = promotions(query, locale) if page.number == 1 else []
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
    context = {
        "search_query": query,
        "filters": filters,
        "kinds": list(KINDS.items()),
        "results": page,
        "facets": found.facets,
        "facet_total": sum(found.facets.values()),
        "query_prefix": urlencode(kept),
        # The same without the type: the links of the type filter add theirs.
        "filter_prefix": urlencode({key: value for key, value in kept.items() if key != "type"}),
        "promotions": picks,
        "filtered": bool(filters.kind or filters.group or filters.date_from or filters.date_to),
    }
    html = render_to_string("search/includes/results.html", context, request)
    return html, page.number == 1 and bool(found.count or picks)


@require_GET
def suggest(request):
    """``{"suggestions": [{"title", "kind"}, ...]}`` for the words typed so far."""
    query = clean_query(request.GET.get("q"))
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
