"""Geometry of an indicator's chart, drawn as inline SVG by the template (no script, no font).

Drawn for a phone first: 320 units wide with labels of 15 units, so that a chart squeezed to
256 px still has 12 px labels (and a desktop shows it at its own size). The value axis has
round ticks (`nice_ticks`) and the indicator's unit above it; its labels are grouped
(2 000, 2 250, …) so that none reads like a year beside the year axis.

Where the indicator's method changed (``PlanElement.breaks``), the line of actual values
stops and starts again: a vertical mark between the last value of the old method and the
first of the new one, labelled with the new version, and no segment joins the two.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import count
from math import ceil, floor

from django.utils.translation import gettext as _

from core.numbers import decimal_places, format_number

WIDTH, HEIGHT = 320, 200
FONT_SIZE = 15  # of every label, in the chart's units
CHAR_WIDTH = 0.65 * FONT_SIZE  # an upper bound for digits, spaces and separators (DejaVu: 0.64)
TOP = 2 * FONT_SIZE + 2  # the unit's line, then room for half of the top tick's label
BOTTOM = FONT_SIZE + 12  # the years
RIGHT = 2 * CHAR_WIDTH + 2  # half of the last year's label
MAX_VALUE_TICKS = 6
MAX_YEAR_TICKS = 5

# Steps of the value axis: 1, 2, 2.5 and 5 times a power of ten (Heckbert's "nice numbers",
# with 2.5 for the ranges that 2 cuts too finely and 5 too coarsely).
NICE_MULTIPLES = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def nice_ticks(low, high, max_ticks=MAX_VALUE_TICKS, max_decimals=None):
    """Round ticks covering ``low``..``high``: ``(ticks, step)``, both Decimals.

    The step is the smallest of 1, 2, 2.5, 5 × 10ⁿ that covers the range with at most
    ``max_ticks`` ticks and has at most ``max_decimals`` decimals (ticks no more precise than
    the values: whole numbers get no 2.5 steps); the first tick is the multiple of the step
    at or below ``low`` (10.9..20 → 10, 12, …, 20). A range of one value is widened around it.
    """
    low, high = sorted((Decimal(low), Decimal(high)))
    if low == high:
        spread = Decimal(1).scaleb(low.adjusted()) if low else Decimal(1)
        low, high = low - spread, high + spread
    exponent = ((high - low) / (max_ticks - 1)).adjusted()
    # Ends at the latest with 1 × 10ⁿ for n above both the exponent and -max_decimals.
    for power in count(exponent):
        for multiple in NICE_MULTIPLES:
            step = multiple.scaleb(power)
            if max_decimals is not None and decimal_places(step) > max_decimals:
                continue
            first, last = floor(low / step), ceil(high / step)
            if last - first + 1 <= max_ticks:
                return [step * n for n in range(first, last + 1)], step


def year_ticks(first_year, last_year, max_ticks=MAX_YEAR_TICKS):
    """Years to label: the multiples of the smallest step of ``YEAR_STEPS`` that labels at
    most ``max_ticks`` years in ``first_year``..``last_year`` (2019..2030 → 2020, 2025, 2030)."""
    for step in YEAR_STEPS:
        years = [year for year in range(first_year, last_year + 1) if year % step == 0]
        if years and len(years) <= max_ticks:
            return years
    return [first_year, last_year] if first_year != last_year else [first_year]


@dataclass
class Chart:
    """Scaled points for the actual values and the planned path, with axis ticks."""

    width: int
    height: int
    font_size: int
    unit: str
    actual_segments: list  # "x,y x,y …" of each run of comparable values (one per method)
    actual_dots: list
    plan_points: str
    plan_dots: list
    x_ticks: list
    y_ticks: list
    breaks: list  # {"x", "label", "label_x", "anchor"} of each change of method
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float

    @property
    def x_label_y(self):
        return self.plot_bottom + self.font_size + 4

    @property
    def y_label_x(self):
        return self.plot_left - 6


def indicator_chart(indicator):
    """The chart of one indicator element, its labels in the active language."""
    fields = indicator.fields
    plan = [(fields["baseline_year"], fields["baseline_value"])]
    if fields.get("target_2025") is not None:
        plan.append((2025, fields["target_2025"]))
    plan.append((2030, fields["target_2030"]))
    actual = list(indicator.values.items())
    points = plan + actual
    years = [year for year, _ in points]
    first_year, last_year = min(years), max(years)
    values = [value for _, value in points]
    ticks, step = nice_ticks(
        min(values), max(values), max_decimals=max(decimal_places(value) for value in values)
    )
    low, high = float(ticks[0]), float(ticks[-1])
    labels = [format_number(tick, decimals=decimal_places(step)) for tick in ticks]
    left = max(len(label) for label in labels) * CHAR_WIDTH + 10
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(year):
        span = (last_year - first_year) or 1
        return round(left + (year - first_year) / span * (right - left), 1)

    def y(value):
        return round(TOP + (high - float(value)) / (high - low) * (bottom - TOP), 1)

    def scaled(series):
        return [
            {
                "x": x(year),
                "y": y(value),
                "year": year,
                "value": value,
                "corner": (round(x(year) - 4, 1), round(y(value) - 4, 1)),
            }
            for year, value in series
        ]

    actual_dots = scaled(actual)
    segments, breaks = [[]], []
    for previous, dot in zip([None, *actual_dots], actual_dots, strict=False):
        if previous is not None and dot["year"] in indicator.breaks:
            segments.append([])
            mark = round((previous["x"] + dot["x"]) / 2, 1)
            label = _("method v%(version)s") % {"version": indicator.methods[dot["year"]].version}
            # The label beside the mark, on the side with room for it.
            room_right = right - mark >= len(label) * CHAR_WIDTH + 4
            breaks.append(
                {
                    "x": mark,
                    "year": dot["year"],
                    "label": label,
                    "label_x": mark + 3 if room_right else mark - 3,
                    "anchor": "start" if room_right else "end",
                }
            )
        segments[-1].append(dot)
        dot["method"] = indicator.methods.get(dot["year"])
        dot["breaks"] = bool(breaks) and breaks[-1]["year"] == dot["year"]

    return Chart(
        width=WIDTH,
        height=HEIGHT,
        font_size=FONT_SIZE,
        unit=fields.get("unit") or "",
        actual_segments=[
            " ".join(f"{p['x']},{p['y']}" for p in segment)
            for segment in segments
            if len(segment) > 1
        ],
        actual_dots=actual_dots,
        plan_points=" ".join(f"{p['x']},{p['y']}" for p in scaled(plan)),
        plan_dots=scaled(plan),
        x_ticks=[{"x": x(year), "label": year} for year in year_ticks(first_year, last_year)],
        y_ticks=[{"y": y(tick), "label": label} for tick, label in zip(ticks, labels, strict=True)],
        breaks=breaks,
        plot_left=left,
        plot_right=right,
        plot_top=TOP,
        plot_bottom=bottom,
    )
