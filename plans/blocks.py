"""The plan's structure as nested blocks: priority → goal → objective → measure → indicator.

Every element is a list item or stream child, so Wagtail gives it a UUID that survives
reordering, new revisions and copies of the page: comments, diffs and links point at it.
Numbering (1, 1.1, 1.1.1, …) is never stored; it follows from the order (see ``tree.py``).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

# The longest title (or indicator name) and unit of a plan element: longer ones are refused
# with a message in the editors, never stored (a title is shown on the plan, in charts and
# in the PDF report).
TITLE_MAX_LENGTH = 500
UNIT_MAX_LENGTH = 100


class IndicatorBlock(blocks.StructBlock):
    """An evaluation indicator: where it starts and where the plan wants it in 2025 and 2030."""

    name = blocks.CharBlock(label=_("Indicator"), max_length=TITLE_MAX_LENGTH)
    unit = blocks.CharBlock(
        label=_("Unit"), help_text=_("E.g. %, EUR, persons."), max_length=UNIT_MAX_LENGTH
    )
    direction = blocks.ChoiceBlock(
        label=_("Better when"),
        choices=[("up", _("Higher is better")), ("down", _("Lower is better"))],
        default="up",
    )
    baseline_value = blocks.DecimalBlock(label=_("Baseline value"))
    baseline_year = blocks.IntegerBlock(label=_("Baseline year"), min_value=1990, max_value=2100)
    target_2025 = blocks.DecimalBlock(label=_("Target for 2025"), required=False)
    target_2030 = blocks.DecimalBlock(label=_("Target for 2030"))

    class Meta:
        icon = "order"
        label = _("Indicator")

    def clean(self, value):
        value = super().clean(value)
        baseline, direction = value.get("baseline_value"), value.get("direction")
        errors = {}
        for name in ("target_2025", "target_2030"):
            target = value.get(name)
            if target is None or baseline is None:
                continue
            if direction == "up" and target < baseline:
                errors[name] = blocks.BlockValidationError(
                    _("Higher is better: the target cannot be below the baseline.")
                )
            elif direction == "down" and target > baseline:
                errors[name] = blocks.BlockValidationError(
                    _("Lower is better: the target cannot be above the baseline.")
                )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class MeasureBlock(blocks.StructBlock):
    """A measure: what will be done, by whom, when, and with what money."""

    title = blocks.CharBlock(label=_("Measure"), max_length=TITLE_MAX_LENGTH)
    description = blocks.TextBlock(label=_("Description"), required=False)
    responsible_groups = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="workinggroups.WorkingGroupPage"),
        label=_("Responsible working groups"),
        default=[],
    )
    period_start = blocks.IntegerBlock(label=_("From year"), min_value=2020, max_value=2100)
    period_end = blocks.IntegerBlock(label=_("To year"), min_value=2020, max_value=2100)
    funding_source = blocks.CharBlock(
        label=_("Funding source"), help_text=_("E.g. municipal budget, EU funds.")
    )
    estimated_cost = blocks.DecimalBlock(
        label=_("Estimated cost, EUR"), required=False, min_value=0, decimal_places=2
    )
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("Indicators"), default=[])

    class Meta:
        icon = "tasks"
        label = _("Measure")

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("period_start"), value.get("period_end")
        if start and end and end < start:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "period_end": blocks.BlockValidationError(
                        _("The period must end in or after the year it starts.")
                    )
                }
            )
        return value


class ObjectiveBlock(blocks.StructBlock):
    """An objective (uždavinys) of a goal, carried out through measures."""

    title = blocks.CharBlock(label=_("Objective"), max_length=TITLE_MAX_LENGTH)
    measures = blocks.ListBlock(MeasureBlock(), label=_("Measures"), default=[])

    class Meta:
        icon = "list-ul"
        label = _("Objective")


class GoalBlock(blocks.StructBlock):
    """A goal (tikslas) of a priority."""

    title = blocks.CharBlock(label=_("Goal"), max_length=TITLE_MAX_LENGTH)
    description = blocks.TextBlock(label=_("Description"), required=False)
    objectives = blocks.ListBlock(ObjectiveBlock(), label=_("Objectives"), default=[])

    class Meta:
        icon = "pick"
        label = _("Goal")


class PriorityBlock(blocks.StructBlock):
    """A development priority (prioritetas), the top level of the plan."""

    title = blocks.CharBlock(label=_("Priority"), max_length=TITLE_MAX_LENGTH)
    description = blocks.TextBlock(label=_("Description"), required=False)
    goals = blocks.ListBlock(GoalBlock(), label=_("Goals"), default=[])

    class Meta:
        icon = "folder-open-inverse"
        label = _("Priority")
