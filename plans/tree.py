"""The plan's structure as plain Python: numbered elements with progress, ready to render.

``build_outline`` walks the nested blocks once, numbers every element (1, 1.1, 1.1.1, …)
from its position, attaches recorded indicator values, assesses each indicator's status
(``plans.status``) and rolls progress and statuses up from indicators to measures,
objectives, goals and priorities. The same outline feeds the page,
the CSV/JSON open data and the home page summary, so they never disagree.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from plans.narratives import narrative, status_basis
from plans.progress import latest_value, mean_progress, progress
from plans.status import Assessment, RollUp, assess_indicator, roll_up

LEVELS = ("priority", "goal", "objective", "measure", "indicator")
CHILDREN = {
    "priority": "goals",
    "goal": "objectives",
    "objective": "measures",
    "measure": "indicators",
}


@dataclass
class PlanElement:
    """One element of the plan tree with its automatic number and computed progress."""

    kind: str
    id: str
    number: str
    title: str
    fields: dict
    parent: "PlanElement | None" = None
    children: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    latest: tuple | None = None
    progress: Decimal | None = None
    progress_2025: Decimal | None = None
    decisions: list = field(default_factory=list)
    assessment: Assessment | None = None  # an indicator's status (plans.status)
    rollup: RollUp | None = None  # the status of any other element, from its children's

    @property
    def status(self):
        return (self.assessment or self.rollup).status

    @property
    def status_label(self):
        return (self.assessment or self.rollup).label

    @property
    def narrative(self):
        """An indicator's sentence in the active language (``plans.narratives``)."""
        return narrative(self.fields, self.values, self.assessment)

    @property
    def status_basis(self):
        """What a rolled-up status rests on, in the active language."""
        return status_basis(self.rollup) if self.rollup else ""

    @property
    def anchor(self):
        return f"{self.kind}-{self.id}"

    @property
    def level(self):
        return LEVELS.index(self.kind) + 1

    @property
    def progress_percent(self):
        return None if self.progress is None else round(self.progress * 100)

    def indicators(self):
        """Every indicator at or below this element."""
        if self.kind == "indicator":
            return [self]
        return [indicator for child in self.children for indicator in child.indicators()]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _element(kind, child, number, parent, groups_by_key, values):
    value = child.value
    fields = {name: value[name] for name in value if name != CHILDREN.get(kind)}
    title = fields.pop("name", None) if kind == "indicator" else fields.pop("title")
    element = PlanElement(
        kind=kind, id=str(child.id), number=number, title=title, fields=fields, parent=parent
    )
    if kind == "measure":
        pages = [page for page in fields.pop("responsible_groups") if page is not None]
        element.groups = [groups_by_key.get(str(page.translation_key), page) for page in pages]
    elif kind == "indicator":
        element.values = dict(sorted(values.get(element.id, {}).items()))
        element.latest = latest_value(element.values)
        element.assessment = assess_indicator(fields, element.values)
        if element.latest:
            actual = element.latest[1]
            direction = fields["direction"]
            element.progress = progress(
                fields["baseline_value"], fields["target_2030"], actual, direction
            )
            reached_2025 = latest_value(element.values, up_to_year=2025)
            if reached_2025 and fields.get("target_2025") is not None:
                element.progress_2025 = progress(
                    fields["baseline_value"], fields["target_2025"], reached_2025[1], direction
                )
    children_name = CHILDREN.get(kind)
    if children_name:
        child_kind = LEVELS[LEVELS.index(kind) + 1]
        for position, grandchild in enumerate(value[children_name].bound_blocks, start=1):
            element.children.append(
                _element(
                    child_kind,
                    grandchild,
                    f"{number}.{position}",
                    element,
                    groups_by_key,
                    values,
                )
            )
        element.progress = mean_progress(i.progress for i in element.indicators())
        element.rollup = roll_up(child.status for child in element.children)
    return element


def build_outline(plan_tree, values=None, groups_by_key=None):
    """Number the plan tree and compute progress.

    ``values`` maps an indicator id to ``{year: value}``; ``groups_by_key`` maps a working
    group's translation key to the group in the reader's language.
    """
    return [
        _element("priority", child, str(position), None, groups_by_key or {}, values or {})
        for position, child in enumerate(plan_tree, start=1)
    ]


def walk(outline):
    for priority in outline:
        yield from priority.walk()


def filter_by_group(outline, translation_key):
    """The elements on the path to the measures that one working group is responsible for."""
    keep = set()
    for element in walk(outline):
        if element.kind == "measure" and any(
            group.translation_key == translation_key for group in element.groups
        ):
            node = element
            while node:
                keep.add(node.id)
                node = node.parent
            keep.update(indicator.id for indicator in element.indicators())
    return keep


def indicator_ids(raw_plan_tree):
    """The ids of every indicator in the stored (raw) plan tree, without loading its blocks."""
    ids = []

    def visit(kind, item):
        children_name = CHILDREN.get(kind)
        if not children_name:
            ids.append(item["id"])
            return
        child_kind = LEVELS[LEVELS.index(kind) + 1]
        for child in item["value"].get(children_name) or []:
            visit(child_kind, child)

    for priority in raw_plan_tree:
        visit("priority", priority)
    return ids


def priority_holding(raw_plan_tree, element_id):
    """The number (1, 2, …) of the priority that holds the element ``element_id``, read from the
    stored tree; ``None`` when no element has that id."""

    def holds(kind, item):
        if item.get("id") == element_id:
            return True
        children_name = CHILDREN.get(kind)
        if not children_name:
            return False
        child_kind = LEVELS[LEVELS.index(kind) + 1]
        return any(holds(child_kind, child) for child in item["value"].get(children_name) or [])

    for number, priority in enumerate(raw_plan_tree, start=1):
        if holds("priority", priority):
            return number
    return None


def raw_measures(raw_plan_tree):
    """``(number, id, title, group page ids)`` of every measure, read from the stored tree.

    Reading the raw data avoids loading chooser blocks, so listing one group's measures across
    many plans costs no query per plan.
    """
    for p, priority in enumerate(raw_plan_tree, start=1):
        for g, goal in enumerate(priority["value"].get("goals") or [], start=1):
            for o, objective in enumerate(goal["value"].get("objectives") or [], start=1):
                for m, measure in enumerate(objective["value"].get("measures") or [], start=1):
                    value = measure["value"]
                    group_ids = [item["value"] for item in value.get("responsible_groups") or []]
                    yield f"{p}.{g}.{o}.{m}", measure["id"], value.get("title", ""), group_ids
