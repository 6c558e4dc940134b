"""Blocks of meeting pages: numbered decisions that can point at elements of the plan."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale

from documents.blocks import RICH_TEXT_FEATURES


def plan_element_choices():
    """Every element of every plan in the default language, grouped by plan, numbered.

    Element ids are the same in translations, so a decision's references hold in both languages.
    """
    plan_draft = apps.get_model("plans", "PlanDraftPage")
    plans = plan_draft.objects.filter(locale=Locale.get_default()).order_by("-first_published_at")
    return [
        (plan.title, [(element.id, f"{element.number} {element.title}") for element in elements])
        for plan in plans
        if (elements := plan.elements())
    ]


class DecisionBlock(blocks.StructBlock):
    """A decision of a meeting; its number follows its position in the list."""

    text = blocks.RichTextBlock(label=_("Decision"), features=RICH_TEXT_FEATURES)
    plan_elements = blocks.ListBlock(
        blocks.ChoiceBlock(choices=plan_element_choices, label=_("Plan element")),
        label=_("Plan elements it concerns"),
        default=[],
    )

    class Meta:
        icon = "tick"
        label = _("Decision")
