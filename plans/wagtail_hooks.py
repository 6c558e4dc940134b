"""Admin: editors record indicator values of adopted plans from the Snippets menu, and edit
a plan one part at a time (plans/editor.py), found through the admin's search."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.search import SearchArea
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from plans import editor
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
