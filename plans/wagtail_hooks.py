"""Admin: editors record indicator values of adopted plans and make the yearly monitoring
reports, from the Snippets menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plans.models import IndicatorValue, MonitoringReport


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    icon = "order"
    menu_label = _("Indicator values")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["indicator_name", "year", "value_display", "plan"]
    list_filter = ["plan", "year"]


class MonitoringReportViewSet(SnippetViewSet):
    model = MonitoringReport
    icon = "doc-full"
    menu_label = _("Monitoring reports")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["__str__", "year", "edition", "state", "published_at", "public_link"]
    list_filter = ["plan", "year"]

    def get_queryset(self, request):
        return MonitoringReport.objects.select_related("plan")


register_snippet(IndicatorValueViewSet)
register_snippet(MonitoringReportViewSet)
