"""The admin's "Frequent searches" report, for editors.

Wagtail's own "Search terms" report is for superusers only; editors, who manage promoted
search results (Settings → Promoted search results), need to see what visitors look for.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from core.spreadsheet_exports import SearchTermsReport

PROMOTION_PERMISSIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
)


def can_see_search_terms(user):
    return user.is_superuser or any(user.has_perm(codename) for codename in PROMOTION_PERMISSIONS)


class FrequentSearchesReportView(SearchTermsReport):
    """The most frequent search queries (by day), for those who manage promoted results; its
    CSV export is formula-safe (visitors type the queries)."""

    page_title = _("Frequent searches")
    index_url_name = "search_frequent_queries"
    index_results_url_name = "search_frequent_queries_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_search_terms(request.user):
            return permission_denied(request)
        # Skip the superuser-only check of Wagtail's report, keep everything else.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


class FrequentSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_search_terms(request.user)


@hooks.register("register_admin_urls")
def register_frequent_searches_urls():
    return [
        path(
            "reports/frequent-searches/",
            FrequentSearchesReportView.as_view(),
            name="search_frequent_queries",
        ),
        path(
            "reports/frequent-searches/results/",
            FrequentSearchesReportView.as_view(results_only=True),
            name="search_frequent_queries_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_frequent_searches_menu_item():
    return FrequentSearchesMenuItem(
        _("Frequent searches"),
        reverse("search_frequent_queries"),
        name="frequent-searches",
        icon_name="search",
        order=1310,
    )
