"""Wagtail's admin spreadsheet exports, with formula-safe CSV cells (core/csv_cells.py).

Wagtail 8's `SpreadsheetExportMixin` keeps XLSX cells from becoming formulas but writes CSV
cells as they are, so a page title, a user's name or a visitor's search term such as
`=HYPERLINK(...)` would run in the spreadsheet of the editor who opens the export. The views
here are Wagtail's own with `FormulaSafeSpreadsheetExportMixin`, answering at Wagtail's
addresses in their place:

- the reports of Wagtail's admin core, through `report_urlpatterns()`, which the root
  URLconf mounts before the admin's URLs: Wagtail lists those reports itself, ahead of every
  `register_admin_urls` hook, so no hook can come before them;
- the search terms report and the redirects listing of Wagtail's contrib apps, through a
  `register_admin_urls` hook that runs before those apps' own (core/wagtail_hooks.py).

tests/security/test_csv_formulas.py checks that every admin view that exports answers with
one of these.
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.csv_cells import formula_safe_cell


class FormulaSafeSpreadsheetExportMixin:
    """For a view with Wagtail's `SpreadsheetExportMixin`: every CSV cell formula-safe."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: formula_safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class LockedPagesReport(FormulaSafeSpreadsheetExportMixin, LockedPagesView):
    """Wagtail's "Locked pages" report."""


class WorkflowReport(FormulaSafeSpreadsheetExportMixin, WorkflowView):
    """Wagtail's "Workflows" report."""


class WorkflowTasksReport(FormulaSafeSpreadsheetExportMixin, WorkflowTasksView):
    """Wagtail's "Workflow tasks" report."""


class SiteHistoryReport(FormulaSafeSpreadsheetExportMixin, LogEntriesView):
    """Wagtail's "Site history" report."""


class AgingPagesReport(FormulaSafeSpreadsheetExportMixin, AgingPagesView):
    """Wagtail's "Aging pages" report."""


class SearchTermsReport(FormulaSafeSpreadsheetExportMixin, SearchTermsReportView):
    """Wagtail's "Search terms" report (search_promotions), for superusers."""


class RedirectsIndex(FormulaSafeSpreadsheetExportMixin, RedirectIndexView):
    """Wagtail's redirects listing, which exports the redirects."""


def _listing(route, view_class):
    return [
        path(route, view_class.as_view()),
        path(f"{route}results/", view_class.as_view(results_only=True)),
    ]


def report_urlpatterns():
    """The reports of Wagtail's admin core, at their addresses (the root URLconf mounts them
    under the admin's prefix, before the admin's URLs), with the admin's access check."""
    patterns = [
        *_listing("reports/locked/", LockedPagesReport),
        *_listing("reports/workflow/", WorkflowReport),
        *_listing("reports/workflow_tasks/", WorkflowTasksReport),
        *_listing("reports/site-history/", SiteHistoryReport),
        *_listing("reports/aging-pages/", AgingPagesReport),
    ]
    patterns = decorate_urlpatterns(patterns, require_admin_access)
    return decorate_urlpatterns(patterns, never_cache)


def contrib_urlpatterns():
    """The exports of Wagtail's contrib apps, for a `register_admin_urls` hook that runs
    before theirs (the admin decorates hook URLs with its access check itself)."""
    return [
        *_listing("searchpicks/reports/search-terms/", SearchTermsReport),
        *_listing("redirects/", RedirectsIndex),
    ]
