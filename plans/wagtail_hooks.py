"""Admin: editors record indicator values of adopted plans, who answers for each measure and
indicator with the indicator's data source and method, and the yearly monitoring reports, from
the "Plan monitoring" menu; values in bulk from a file (``plans.import_views``); a plan edited
one part at a time (plans/editor.py), found through the admin's search."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from plans import admin_urls, editor, import_views
from plans.models import (
    Department,
    IndicatorPassport,
    IndicatorValue,
    MeasureOwner,
    MonitoringReport,
    PlanDraftPage,
)


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    icon = "order"
    menu_label = _("Indicator values")
    list_display = ["indicator_name", "year", "value_display", "plan"]
    list_filter = ["plan", "year"]


class MonitoringReportViewSet(SnippetViewSet):
    model = MonitoringReport
    icon = "doc-full"
    menu_label = _("Monitoring reports")
    list_display = ["__str__", "year", "edition", "state", "published_at", "public_link"]
    list_filter = ["plan", "year"]

    def get_queryset(self, request):
        return MonitoringReport.objects.select_related("plan")


class IndicatorPassportViewSet(SnippetViewSet):
    model = IndicatorPassport
    icon = "doc-full"
    menu_label = _("Indicator passports")
    list_display = ["element_name", "responsible_name", "source_name", "periodicity", "plan"]
    list_filter = ["plan", "periodicity", "department", "working_group"]


class MeasureOwnerViewSet(SnippetViewSet):
    model = MeasureOwner
    icon = "user"
    menu_label = _("Measure owners")
    list_display = ["element_name", "responsible_name", "plan"]
    list_filter = ["plan", "department", "working_group"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]


class PlanMonitoringViewSetGroup(SnippetViewSetGroup):
    items = (
        IndicatorValueViewSet,
        IndicatorPassportViewSet,
        MeasureOwnerViewSet,
        DepartmentViewSet,
        MonitoringReportViewSet,
    )
    menu_icon = "order"
    menu_label = _("Plan monitoring")
    menu_order = 300


register_snippet(PlanMonitoringViewSetGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_views.may_import(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("plans/", include(admin_urls, namespace="plans_admin"))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import indicator values"),
        reverse("plans_admin:import_plans"),
        name="indicator-imports",
        icon_name="upload",
        order=310,
    )


@hooks.register("register_page_header_buttons")
def import_values_button(page, user, view_name, next_url=None):
    """ "Import indicator values" in the header menu of an adopted plan."""
    if (
        page.specific_class is PlanDraftPage
        and import_views.may_import(user)
        and import_views.adopted_plans().filter(pk=page.pk).exists()
    ):
        yield Button(
            _("Import indicator values"),
            reverse("plans_admin:plan_imports", args=[page.pk]),
            icon_name="upload",
            priority=85,
        )


@hooks.register("register_admin_urls")
def register_plan_editor_urls():
    return [
        path("plans/<int:page_id>/structure/", editor.structure, name="plans_structure"),
        path(
            "plans/<int:page_id>/part/<uuid:element_id>/",
            editor.part_editor,
            name="plans_part_editor",
        ),
        path("plans/<int:page_id>/edit-links/", editor.edit_links, name="plans_edit_links"),
        path("plans/elements/", editor.element_search, name="plans_element_search"),
    ]


@hooks.register("register_admin_search_area")
def register_plan_element_search_area():
    return SearchArea(
        _("Plan elements"),
        reverse("plans_element_search"),
        name="plan-elements",
        icon_name="order",
        order=150,
    )
