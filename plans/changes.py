"""What changed in the plan tree between two versions, element by element.

Elements are matched by their stable block id, so a measure moved to another objective is
one measure moved, not one removed and one added. Each change says what a councillor looks
for: added, removed, moved (from 2.1 to 3.2), renumbered, and each field changed, with
numbers written for people (``core.numbers``). The same list feeds the compare page and the
change ledger of the open data (``machine`` values: decimal point, no grouping).
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.numbers import MISSING, format_money, format_number, significant
from plans.tree import LEVELS, build_outline, walk
from plans.versions import word_segments

# Field changes that the summary counts on their own line.
TARGET_FIELDS = ("target_2025", "target_2030")

TEXT_FIELDS = ("title", "description", "unit", "funding_source")


@dataclass
class FieldChange:
    """One field of one element in two versions: labels and values for people, and the
    values for machines (``old_value``, ``new_value``)."""

    name: str
    label: str
    old: str
    new: str
    old_value: str
    new_value: str
    segments: list = field(default_factory=list)


@dataclass
class ElementChange:
    """An element of the plan tree that was added, removed, moved, renumbered or changed."""

    id: str
    kind: str
    action: str  # "added", "removed", "moved", "renumbered", "changed"
    title: str
    old_number: str = ""
    new_number: str = ""
    old_parent: str = ""  # the parent's number
    new_parent: str = ""
    fields: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"change-{self.kind}-{self.id}"

    @property
    def number(self):
        return self.new_number or self.old_number

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def machine(value):
    """A value as the open data write it: decimals without trailing zeros, empty if missing."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(significant(value), "f")
    return str(value)


def group_names(element):
    return "; ".join(group.title for group in element.groups)


KIND_LABELS = {
    "priority": _("Priority"),
    "goal": _("Goal"),
    "objective": _("Objective"),
    "measure": _("Measure"),
    "indicator": _("Indicator"),
}

DIRECTIONS = {"up": _("Higher is better"), "down": _("Lower is better")}


def field_values(element):
    """``{name: (label, text for people, value for machines)}`` of the fields that matter
    for ``element``'s kind; a value pair (baseline value and year, the period) is one field."""
    data = element.fields
    values = {
        "title": (
            _("Definition") if element.kind == "indicator" else _("Title"),
            element.title,
            element.title,
        )
    }
    if element.kind in ("priority", "goal", "measure"):
        description = data.get("description") or ""
        values["description"] = (_("Description"), description, description)
    if element.kind == "measure":
        names = group_names(element)
        values["responsible_groups"] = (_("Responsible working groups"), names, names)
        start, end = data.get("period_start"), data.get("period_end")
        period = f"{machine(start)}–{machine(end)}"
        values["period"] = (_("Period"), period, period)
        source = data.get("funding_source") or ""
        values["funding_source"] = (_("Funding source"), source, source)
        cost = data.get("estimated_cost")
        values["estimated_cost"] = (
            _("Estimated cost"),
            format_money(cost),
            machine(cost),
        )
    if element.kind == "indicator":
        unit = data.get("unit") or ""
        values["unit"] = (_("Unit"), unit, unit)
        direction = data.get("direction") or ""
        values["direction"] = (_("Better when"), str(DIRECTIONS.get(direction, "")), direction)
        baseline, year = data.get("baseline_value"), data.get("baseline_year")
        values["baseline"] = (
            _("Baseline"),
            f"{format_number(baseline)} ({year or MISSING})",
            f"{machine(baseline)} ({machine(year)})",
        )
        for name, label in (
            ("target_2025", _("Target for 2025")),
            ("target_2030", _("Target for 2030")),
        ):
            target = data.get(name)
            values[name] = (label, format_number(target), machine(target))
    return values


def changed_fields(old, new):
    old_values, new_values = field_values(old), field_values(new)
    changes = []
    for name, (label, new_text, new_value) in new_values.items():
        _label, old_text, old_value = old_values.get(name, (label, "", ""))
        if old_value == new_value:
            continue
        segments = word_segments(old_text, new_text) if name in TEXT_FIELDS else []
        changes.append(
            FieldChange(name, str(label), old_text, new_text, old_value, new_value, segments)
        )
    return changes


def elements_by_id(page, groups_by_key):
    return {
        element.id: element for element in walk(build_outline(page.plan_tree, None, groups_by_key))
    }


def parent_number(element):
    return element.parent.number if element.parent else ""


def compare_tree(old_page, new_page, groups_by_key=None):
    """Changes of the plan tree from ``old_page`` to ``new_page``, in the newer version's
    order, removed elements after; each element once."""
    old = elements_by_id(old_page, groups_by_key)
    new = elements_by_id(new_page, groups_by_key)
    changes = []
    for element_id, element in new.items():
        before = old.get(element_id)
        if before is None:
            changes.append(
                ElementChange(
                    element_id,
                    element.kind,
                    "added",
                    element.title,
                    new_number=element.number,
                    new_parent=parent_number(element),
                )
            )
            continue
        fields = changed_fields(before, element)
        old_parent_id = before.parent.id if before.parent else None
        new_parent_id = element.parent.id if element.parent else None
        if old_parent_id != new_parent_id:
            action = "moved"
        elif before.number.rsplit(".", 1)[-1] != element.number.rsplit(".", 1)[-1]:
            action = "renumbered"
        elif fields:
            action = "changed"
        else:
            continue
        changes.append(
            ElementChange(
                element_id,
                element.kind,
                action,
                element.title,
                old_number=before.number,
                new_number=element.number,
                old_parent=parent_number(before),
                new_parent=parent_number(element),
                fields=fields,
            )
        )
    for element_id, element in old.items():
        if element_id not in new:
            changes.append(
                ElementChange(
                    element_id,
                    element.kind,
                    "removed",
                    element.title,
                    old_number=element.number,
                    old_parent=parent_number(element),
                )
            )
    return changes


# --- the summary on top of the compare page ----------------------------------------------

# Every line of the summary is its own message: Lithuanian agrees adjective and noun with
# the count in four plural forms.
SUMMARY_MESSAGES = {
    ("priority", "added"): lambda n: ngettext(
        "%(count)s priority added", "%(count)s priorities added", n
    ),
    ("priority", "removed"): lambda n: ngettext(
        "%(count)s priority removed", "%(count)s priorities removed", n
    ),
    ("priority", "moved"): lambda n: ngettext(
        "%(count)s priority moved", "%(count)s priorities moved", n
    ),
    ("priority", "renumbered"): lambda n: ngettext(
        "%(count)s priority renumbered", "%(count)s priorities renumbered", n
    ),
    ("priority", "changed"): lambda n: ngettext(
        "%(count)s priority changed", "%(count)s priorities changed", n
    ),
    ("goal", "added"): lambda n: ngettext("%(count)s goal added", "%(count)s goals added", n),
    ("goal", "removed"): lambda n: ngettext("%(count)s goal removed", "%(count)s goals removed", n),
    ("goal", "moved"): lambda n: ngettext("%(count)s goal moved", "%(count)s goals moved", n),
    ("goal", "renumbered"): lambda n: ngettext(
        "%(count)s goal renumbered", "%(count)s goals renumbered", n
    ),
    ("goal", "changed"): lambda n: ngettext("%(count)s goal changed", "%(count)s goals changed", n),
    ("objective", "added"): lambda n: ngettext(
        "%(count)s objective added", "%(count)s objectives added", n
    ),
    ("objective", "removed"): lambda n: ngettext(
        "%(count)s objective removed", "%(count)s objectives removed", n
    ),
    ("objective", "moved"): lambda n: ngettext(
        "%(count)s objective moved", "%(count)s objectives moved", n
    ),
    ("objective", "renumbered"): lambda n: ngettext(
        "%(count)s objective renumbered", "%(count)s objectives renumbered", n
    ),
    ("objective", "changed"): lambda n: ngettext(
        "%(count)s objective changed", "%(count)s objectives changed", n
    ),
    ("measure", "added"): lambda n: ngettext(
        "%(count)s measure added", "%(count)s measures added", n
    ),
    ("measure", "removed"): lambda n: ngettext(
        "%(count)s measure removed", "%(count)s measures removed", n
    ),
    ("measure", "moved"): lambda n: ngettext(
        "%(count)s measure moved", "%(count)s measures moved", n
    ),
    ("measure", "renumbered"): lambda n: ngettext(
        "%(count)s measure renumbered", "%(count)s measures renumbered", n
    ),
    ("measure", "changed"): lambda n: ngettext(
        "%(count)s measure changed", "%(count)s measures changed", n
    ),
    ("indicator", "added"): lambda n: ngettext(
        "%(count)s indicator added", "%(count)s indicators added", n
    ),
    ("indicator", "removed"): lambda n: ngettext(
        "%(count)s indicator removed", "%(count)s indicators removed", n
    ),
    ("indicator", "moved"): lambda n: ngettext(
        "%(count)s indicator moved", "%(count)s indicators moved", n
    ),
    ("indicator", "renumbered"): lambda n: ngettext(
        "%(count)s indicator renumbered", "%(count)s indicators renumbered", n
    ),
    ("indicator", "changed"): lambda n: ngettext(
        "%(count)s indicator changed", "%(count)s indicators changed", n
    ),
}

ACTIONS = ("added", "removed", "moved", "renumbered", "changed")


@dataclass
class SummaryLine:
    """One line of the summary ("3 measures added") and the changes it counts."""

    text: str
    changes: list


def summary(changes):
    """Lines by level and kind of change, then the targets changed, each with its changes."""
    lines = []
    for kind in LEVELS:
        for action in ACTIONS:
            counted = [c for c in changes if c.kind == kind and c.action == action]
            if counted:
                text = SUMMARY_MESSAGES[kind, action](len(counted)) % {"count": len(counted)}
                lines.append(SummaryLine(text, counted))
    targets = [c for c in changes if any(f.name in TARGET_FIELDS for f in c.fields)]
    count = Counter(f.name for c in targets for f in c.fields if f.name in TARGET_FIELDS)
    total = sum(count.values())
    if total:
        text = ngettext("%(count)s target changed", "%(count)s targets changed", total)
        lines.append(SummaryLine(text % {"count": total}, targets))
    return lines


# --- the change ledger (open data) -------------------------------------------------------

LEDGER_FIELDS = [
    "change",
    "kind",
    "id",
    "number_from",
    "number_to",
    "parent_from",
    "parent_to",
    "title",
    "field",
    "value_from",
    "value_to",
]


def ledger_rows(section_rows, changes):
    """One row per section change and per element change (one per field changed)."""
    rows = []
    for action, block_id, title, name, old, new in section_rows:
        rows.append(
            dict(
                zip(
                    LEDGER_FIELDS,
                    (action, "section", block_id, "", "", "", "", title, name, old, new),
                    strict=True,
                )
            )
        )
    for change in changes:
        base = {
            "change": change.action,
            "kind": change.kind,
            "id": change.id,
            "number_from": change.old_number,
            "number_to": change.new_number,
            "parent_from": change.old_parent,
            "parent_to": change.new_parent,
            "title": change.title,
        }
        if not change.fields:
            rows.append({**base, "field": "", "value_from": "", "value_to": ""})
        for changed in change.fields:
            rows.append(
                {
                    **base,
                    "field": changed.name,
                    "value_from": changed.old_value,
                    "value_to": changed.new_value,
                }
            )
    return rows
