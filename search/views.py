"""Site search over every public page in the visitor's language."""

import logging
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"search_query": query, "results": None}
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        try:
            results = pages.search(query)
            paginator = Paginator(results, RESULTS_PER_PAGE)
            try:
                page = paginator.page(request.GET.get("page", 1))
            except PageNotAnInteger:
                page = paginator.page(1)
            except EmptyPage:
                page = paginator.page(paginator.num_pages)
            page.object_list = list(page.object_list)  # ask the backend now, not in the template
            context["results"] = page
            context["query_prefix"] = urlencode({"q": query})
        except Exception:  # the search server is down or refused the query
            logger.exception("Search failed for %r", query)
            context["search_error"] = _(
                "Search is temporarily unavailable. Please try again in a few minutes."
            )
            return render(request, "search/search.html", context, status=503)
        Query.get(query).add_hit()
    return render(request, "search/search.html", context)
