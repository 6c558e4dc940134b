"""The plan's structure as plain Python: numbered elements with progress, ready to render.

``build_outline`` walks the nested blocks once, numbers every element (1, 1.1, 1.1.1, …)
from its position, attaches recorded indicator values, assesses each indicator's status
(``plans.status``) and rolls progress and statuses up from indicators to measures,
objectives, goals and priorities. The same outline feeds the page,
the CSV/JSON open data and the home page summary, so they never disagree.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from plans.narratives import narrative, status_basis
from plans.progress import latest_value, mean_progress, progress
from plans.status import Assessment, RollUp, assess_indicator, roll_up

LEVELS = ("priority", "goal", "objective", "measure", "indicator")
# The last year of the plan ("until 2030"); a measure that runs longer extends it.
PLAN_LAST_YEAR = 2030
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
    overdue_since: date | None = None
    # Who answers for a measure or indicator (``MeasureOwner``, ``IndicatorPassport``), the
    # responsible group or department in the reader's language, and for an indicator the
    # method version of each value (``{year: MethodologyVersion}``) and the years whose value
    # is the first measured by a new method (the series breaks before them).
    owner: object = None
    responsible: object = None
    methods: dict = field(default_factory=dict)
    breaks: list = field(default_factory=list)
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


def _element(kind, child, number, parent, groups_by_key, values, since_years):
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
        since = since_years.get(element.id)
        element.assessment = assess_indicator(fields, element.values, since)
        if element.latest:
            actual = element.latest[1]
            direction = fields["direction"]
            # After a change of method the way is measured from the new method's first value,
            # where the status's series starts (plans.status): the baseline, measured the old
            # way, is not comparable.
            assessment = element.assessment
            first_year = assessment.first[0] if assessment.method_since else None
            element.progress = progress(
                element.values[first_year] if first_year else fields["baseline_value"],
                fields["target_2030"],
                actual,
                direction,
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
                    since_years,
                )
            )
        element.progress = mean_progress(i.progress for i in element.indicators())
        element.rollup = roll_up(child.status for child in element.children)
    return element


def build_outline(plan_tree, values=None, groups_by_key=None, since_years=None):
    """Number the plan tree and compute progress.

    ``values`` maps an indicator id to ``{year: value}``; ``groups_by_key`` maps a working
    group's translation key to the group in the reader's language; ``since_years`` maps an
    indicator whose method changed to the year its latest value's method applies from (only
    values since then are compared: ``plans.status``).
    """
    return [
        _element(
            "priority",
            child,
            str(position),
            None,
            groups_by_key or {},
            values or {},
            since_years or {},
        )
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


def raw_elements(raw_plan_tree):
    """``(kind, number, id, title)`` of every element of the stored (raw) tree, in order,
    without loading its blocks (no chooser queries): for pickers and checks."""

    def visit(kind, item, number):
        value = item["value"]
        yield kind, number, item.get("id"), value.get("name" if kind == "indicator" else "title")
        children_name = CHILDREN.get(kind)
        if children_name:
            child_kind = LEVELS[LEVELS.index(kind) + 1]
            for position, child in enumerate(value.get(children_name) or [], start=1):
                yield from visit(child_kind, child, f"{number}.{position}")

    for position, priority in enumerate(raw_plan_tree, start=1):
        yield from visit("priority", priority, str(position))


def element_kinds(raw_plan_tree):
    """``{element id: level}`` of the stored tree: what records kept by element id are
    checked against."""
    return {element_id: kind for kind, _number, element_id, _title in raw_elements(raw_plan_tree)}


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


def raw_indicators(raw_plan_tree):
    """``(number, id, name, baseline year)`` of every indicator, in order, read from the stored
    tree (no block is loaded, so a plan of any size costs no query)."""
    for p, priority in enumerate(raw_plan_tree, start=1):
        for g, goal in enumerate(priority["value"].get("goals") or [], start=1):
            for o, objective in enumerate(goal["value"].get("objectives") or [], start=1):
                for m, measure in enumerate(objective["value"].get("measures") or [], start=1):
                    indicators = measure["value"].get("indicators") or []
                    for i, indicator in enumerate(indicators, start=1):
                        value = indicator["value"]
                        yield (
                            f"{p}.{g}.{o}.{m}.{i}",
                            indicator["id"],
                            value.get("name", ""),
                            value.get("baseline_year"),
                        )


def plan_period(raw_plan_tree):
    """``(first, last)`` year a plan's values may be recorded for: from its indicators' earliest
    baseline year to 2030, or later if a measure runs longer."""
    baselines = [year for *_rest, year in raw_indicators(raw_plan_tree) if year]
    ends = [
        measure["value"].get("period_end") or PLAN_LAST_YEAR
        for priority in raw_plan_tree
        for goal in priority["value"].get("goals") or []
        for objective in goal["value"].get("objectives") or []
        for measure in objective["value"].get("measures") or []
    ]
    return min(baselines, default=PLAN_LAST_YEAR), max([PLAN_LAST_YEAR, *ends])


def indicator_years(raw_plan_tree):
    """``({indicator id: (number, name, first year a value is expected)}, last year)`` of a
    plan: values are expected from the year after each indicator's baseline year to the
    plan's last year."""
    _first, last_year = plan_period(raw_plan_tree)
    found = {
        indicator_id: (number, name, (baseline or last_year) + 1)
        for number, indicator_id, name, baseline in raw_indicators(raw_plan_tree)
    }
    return found, last_year


def outline_rows(raw_plan_tree):
    """``(kind, id, number, title, part id)`` of every element in order, read from the stored
    tree (no block is loaded, no query): what the editors' outlines list. The part is what
    the admin edits the element in (plans/editor.py): a priority, goal or objective itself,
    a measure or indicator in its objective."""

    def visit(kind, item, number, part_id):
        value = item["value"]
        title = value.get("name" if kind == "indicator" else "title", "")
        if kind in ("priority", "goal", "objective"):
            part_id = item.get("id")
        yield kind, item.get("id"), number, title, part_id
        children_name = CHILDREN.get(kind)
        if children_name:
            child_kind = LEVELS[LEVELS.index(kind) + 1]
            for position, child in enumerate(value.get(children_name) or [], start=1):
                yield from visit(child_kind, child, f"{number}.{position}", part_id)

    for position, priority in enumerate(raw_plan_tree, start=1):
        yield from visit("priority", priority, str(position), None)


def find_element(raw_plan_tree, element_id):
    """``(kind, number, stored item)`` of the element ``element_id`` in the stored tree, or
    ``None``."""

    def visit(kind, item, number):
        if item.get("id") == element_id:
            return kind, number, item
        children_name = CHILDREN.get(kind)
        if not children_name:
            return None
        child_kind = LEVELS[LEVELS.index(kind) + 1]
        for position, child in enumerate(item["value"].get(children_name) or [], start=1):
            found = visit(child_kind, child, f"{number}.{position}")
            if found:
                return found
        return None

    for position, priority in enumerate(raw_plan_tree, start=1):
        found = visit("priority", priority, str(position))
        if found:
            return found
    return None


def replace_element(raw_plan_tree, element_id, value):
    """A copy of the stored tree with the stored value of element ``element_id`` replaced by
    ``value``; the element keeps its id and place, every other element is left as stored."""

    def visit(kind, item):
        if item.get("id") == element_id:
            return {**item, "value": value}
        children_name = CHILDREN.get(kind)
        if not children_name:
            return item
        child_kind = LEVELS[LEVELS.index(kind) + 1]
        children = item["value"].get(children_name) or []
        return {
            **item,
            "value": {
                **item["value"],
                children_name: [visit(child_kind, child) for child in children],
            },
        }

    return [visit("priority", priority) for priority in raw_plan_tree]
