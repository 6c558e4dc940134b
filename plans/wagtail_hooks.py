"""Admin: editors record indicator values of adopted plans from the Snippets menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plans.models import IndicatorValue


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    icon = "order"
    menu_label = _("Indicator values")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["indicator_name", "year", "value_display", "plan"]
    list_filter = ["plan", "year"]


register_snippet(IndicatorValueViewSet)
