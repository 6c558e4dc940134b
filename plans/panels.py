"""The page editor's "Plan structure" tab: an outline of the plan with links, not its inputs.

Building the whole plan tree's inputs took a browser 5–11 s for a plan of real size; the
tree is edited one part at a time instead (plans/editor.py). The page's own form no longer
holds ``plan_tree``, so saving the page keeps the tree of its latest revision.
"""

import uuid

from django.urls import reverse

from wagtail.admin.panels import Panel

from plans.tree import outline_rows

PLACEHOLDER = uuid.UUID(int=0)


def outline_links(raw_plan_tree, page_id):
    """``(kind, id, number, title, editor address at the element)`` of every element: the
    address reversed once, not once per element (a plan of real size has 470)."""
    pattern = reverse("plans_part_editor", args=[page_id, PLACEHOLDER])
    return [
        (kind, element_id, number, title, pattern.replace(str(PLACEHOLDER), part_id))
        for kind, element_id, number, title, part_id in outline_rows(raw_plan_tree)
        if part_id
    ]


class PlanStructurePanel(Panel):
    """Every element of the plan as a link to its part's editor, and the structure view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "plans/admin/includes/structure_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["page_id"] = page.pk
            if page.pk:
                context["outline"] = outline_links(page.plan_tree.raw_data, page.pk)
                context["structure_url"] = reverse("plans_structure", args=[page.pk])
            return context
