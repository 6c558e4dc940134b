"""Version 0.2 of the demonstration draft, made from version 0.1 as an editor would.

The changes are applied to the stored blocks, so every element keeps its id: the version
comparison shows a measure moved to another objective, a target changed, a baseline re-based,
a group added to a measure, an indicator added and one removed, and two edited paragraphs.
"""

import uuid

from .bilingual import BLOCK_ID_NAMESPACE
from .content import PLAN_DRAFT_REVISION

EVENTS_MEASURE = "Miesto renginių programa"
TOURISM_OBJECTIVE = "Didinti miesto žinomumą ir turizmo paslaugų įvairovę"
INVESTMENT = "Tiesioginės užsienio investicijos vienam gyventojui"
UNEMPLOYMENT = "Registruotas nedarbo lygis"
CRIME = "Užregistruotų nusikalstamų veikų skaičius 1 000 gyventojų"
CYCLING_MEASURE = "Dviračių takų tinklo plėtra"
PARTICIPATORY_BUDGET = "Dalyvaujamojo biudžeto programa"
VISION_START = "2030 m. Alytus"


def _items(raw, kind):
    """Every ``(item, parent list)`` of the stored tree at level ``kind``, in order."""
    children = {"priority": "goals", "goal": "objectives", "objective": "measures"}
    levels = ["priority", "goal", "objective", "measure", "indicator"]
    found = []

    def visit(level, item, siblings):
        if level == kind:
            found.append((item, siblings))
            return
        name = children.get(level) or "indicators"
        for child in item["value"].get(name) or []:
            visit(levels[levels.index(level) + 1], child, item["value"][name])

    for priority in raw:
        visit("priority", priority, raw)
    return found


def _find(raw, kind, title):
    for item, siblings in _items(raw, kind):
        if (item["value"].get("title") or item["value"].get("name")) == title:
            return item, siblings
    raise LookupError(f"no {kind} {title!r} in the demo plan")


def revise_plan_tree(raw, refs):
    """Version 0.2's plan tree from version 0.1's stored tree (changed in place)."""
    events, events_siblings = _find(raw, "measure", EVENTS_MEASURE)
    events_siblings.remove(events)
    tourism, _ = _find(raw, "objective", TOURISM_OBJECTIVE)
    tourism["value"]["measures"].append(events)

    _find(raw, "indicator", INVESTMENT)[0]["value"]["target_2030"] = "3000"
    unemployment = _find(raw, "indicator", UNEMPLOYMENT)[0]["value"]
    unemployment.update(baseline_value="11.4", baseline_year=2020)

    crime, crime_siblings = _find(raw, "indicator", CRIME)
    crime_siblings.remove(crime)

    cycling, _ = _find(raw, "measure", CYCLING_MEASURE)
    cycling["value"]["indicators"].append(
        {
            "type": "item",
            "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, "plan-0.2/cycling-indicator")),
            "value": {
                "name": PLAN_DRAFT_REVISION["cycling_indicator"].lt,
                "unit": "%",
                "direction": "up",
                "baseline_value": "3",
                "baseline_year": 2020,
                "target_2025": "5",
                "target_2030": "8",
            },
        }
    )
    budget, _ = _find(raw, "measure", PARTICIPATORY_BUDGET)
    budget["value"]["responsible_groups"].append(
        {
            "type": "item",
            "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, "plan-0.2/budget-group-3")),
            "value": refs["group_3"],
        }
    )
    return raw


def revise_sections(raw):
    """Version 0.2's sections: the vision's first paragraph edited, a paragraph added to the
    last section."""
    vision_body = raw[2]["value"]["body"][0]
    html = vision_body["value"]
    start = html.index(VISION_START)
    end = html.index("</p>", start)
    vision_body["value"] = html[:start] + PLAN_DRAFT_REVISION["vision"].lt + html[end:]
    raw[-1]["value"]["body"][0]["value"] += f"<p>{PLAN_DRAFT_REVISION['next_steps'].lt}</p>"
    return raw
