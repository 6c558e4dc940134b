"""Admin: editors record indicator values of adopted plans, and who answers for each measure
and indicator with the indicator's data source and method, from the "Plan monitoring" menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from plans.models import Department, IndicatorPassport, IndicatorValue, MeasureOwner


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    icon = "order"
    menu_label = _("Indicator values")
    list_display = ["indicator_name", "year", "value_display", "plan"]
    list_filter = ["plan", "year"]


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
    )
    menu_icon = "order"
    menu_label = _("Plan monitoring")
    menu_order = 300


register_snippet(PlanMonitoringViewSetGroup)
