"""Whether an indicator is on course for its 2030 target, and what that says of the elements
above it: pure functions over numbers, the same for the page, the yearly report and the open
data. The plan page explains the rule to readers (``plans/includes/status_rule.html``); change
both together.

**An indicator.** Its series is the baseline (year, value) and every recorded value (a value
recorded for the baseline year replaces the baseline). With no recorded value, or values of one
year only, its status is *no data*. Otherwise:

1. A least-squares straight line ``value = a + b × year`` is fitted to the series:
   ``b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²``, ``a = ȳ − b·x̄``.
2. It is projected to the target year: ``projected = a + b × 2030``.
3. The planned path is the straight line from the baseline to the target, so the share of the
   planned change that the trend covers by 2030 is
   ``share = (projected − baseline) / (target − baseline)``.
4. *On track* when the latest value already meets the target or ``share ≥ 1``; *at risk* when
   ``½ ≤ share < 1``; *off track* when ``share < ½`` (the trend flat or moving away included).
   A target equal to its baseline (keep the value): *on track* while the projection is not
   worse than the target, else *off track*.
5. The projection year is the first whole year in which the line reaches the target
   (``⌈(target − a) / b⌉``, not before the year after the latest value), when the line moves
   towards the target and reaches it by 2100.

**Measures, objectives, goals and priorities** (the roll-up). Each status is a score: on track
2, at risk 1, off track 0. An element's score is the mean of its direct children's scores, each
child counting equally; children with no data are counted but left out of the mean. Its status
is the nearest score's status, a tie going to the worse one: *on track* above 1.5, *at risk*
above 0.5, else *off track*; *no data* when no child has a status.

**A change of method.** Values measured by different methods are not comparable. When the
method of an indicator's latest value applies from a year after the baseline, the series is
the values since that year alone: the first of them takes the baseline's place in steps 1–5.

Arithmetic is exact (fractions), so a hand-computed case gives the same answer.
"""

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from core.numbers import as_decimal

TARGET_YEAR = 2030
HORIZON_YEAR = 2100  # a projection beyond it is no projection

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA)
LABELS = {
    ON_TRACK: _("on track"),
    AT_RISK: _("at risk"),
    OFF_TRACK: _("off track"),
    NO_DATA: _("no data"),
}
ON_TRACK_SHARE = Fraction(1)
AT_RISK_SHARE = Fraction(1, 2)
SCORES = {ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 0}
ON_TRACK_SCORE, AT_RISK_SCORE = Fraction(3, 2), Fraction(1, 2)


def exact(value):
    """A Decimal, int or numeric string as an exact fraction."""
    return Fraction(value if isinstance(value, Decimal) else as_decimal(value))


@dataclass(frozen=True)
class Assessment:
    """An indicator's status and what it rests on (every number an exact fraction)."""

    status: str
    series: tuple = ()  # ((year, value), …) in year order, the baseline included
    met: bool = False  # the latest value meets the target
    slope: Fraction | None = None  # change per year of the fitted line
    intercept: Fraction | None = None
    projected: Fraction | None = None  # the line's value in the target year
    share: Fraction | None = None  # of the planned change, covered by the target year
    projection_year: int | None = None  # when the line reaches the target
    method_since: int | None = None  # the series starts where the method last changed

    @property
    def first(self):
        return self.series[0] if self.series else None

    @property
    def latest(self):
        return self.series[-1] if self.series else None

    @property
    def label(self):
        return LABELS[self.status]


def series_of(baseline_year, baseline_value, values):
    """The baseline and the recorded ``{year: value}``, in year order, as exact fractions."""
    points = {int(baseline_year): exact(baseline_value)}
    points.update({int(year): exact(value) for year, value in values.items()})
    return tuple(sorted(points.items()))


def least_squares(series):
    """``(intercept, slope)`` of the straight line fitted to ``series`` (two years at least).

    The same line as the centred formulas above, from sums over years counted from the
    first (small integers), which keeps the exact arithmetic quick.
    """
    n, first = len(series), series[0][0]
    xs = [year - first for year, _ in series]
    sum_x, sum_xx = sum(xs), sum(x * x for x in xs)
    sum_y = sum((value for _, value in series), Fraction(0))
    sum_xy = sum((x * value for x, (_, value) in zip(xs, series, strict=True)), Fraction(0))
    slope = (n * sum_xy - sum_x * sum_y) / (n * sum_xx - sum_x * sum_x)
    return (sum_y - slope * sum_x) / n - slope * first, slope


def better_or_equal(value, target, direction):
    return value >= target if direction == "up" else value <= target


def assess(baseline_value, baseline_year, target, values, direction="up", year=TARGET_YEAR):
    """The status of an indicator by the rule above; ``values`` maps a year to its value."""
    if not values:
        return Assessment(NO_DATA)
    series = series_of(baseline_year, baseline_value, values)
    if len(series) < 2:
        return Assessment(NO_DATA, series=series)
    baseline, target = exact(baseline_value), exact(target)
    latest_year, latest = series[-1]
    met = better_or_equal(latest, target, direction) and target != baseline
    intercept, slope = least_squares(series)
    projected = intercept + slope * year
    common = {"series": series, "met": met, "slope": slope, "intercept": intercept}
    common["projected"] = projected
    if target == baseline:
        kept = better_or_equal(projected, target, direction)
        return Assessment(ON_TRACK if kept else OFF_TRACK, **common)
    share = (projected - baseline) / (target - baseline)
    projection_year = None
    towards = slope != 0 and (slope > 0) == (target > latest)
    if towards and not met:
        reached = math.ceil((target - intercept) / slope)
        reached = max(reached, latest_year + 1)
        projection_year = reached if reached <= HORIZON_YEAR else None
    if met or share >= ON_TRACK_SHARE:
        status = ON_TRACK
    elif share >= AT_RISK_SHARE:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Assessment(status, share=share, projection_year=projection_year, **common)


def assess_indicator(fields, values, since=None):
    """``assess`` for an indicator's block fields (``plans.blocks.IndicatorBlock``).

    ``since``: the year the method of the latest value applies from, when the method changed
    after the baseline. Values measured by different methods are not comparable, so the
    series is then the values since that year alone, and the planned path runs from the first
    of them (not from the baseline, measured the old way) to the target.
    """
    baseline_value, baseline_year = fields["baseline_value"], fields["baseline_year"]
    if since is not None and since > int(baseline_year):
        values = {year: value for year, value in values.items() if year >= since}
        if values:
            baseline_year = min(values)
            baseline_value = values[baseline_year]
    assessment = assess(
        baseline_value,
        baseline_year,
        fields["target_2030"],
        values,
        fields.get("direction") or "up",
    )
    if since is not None and since > int(fields["baseline_year"]):
        assessment = replace(assessment, method_since=since)
    return assessment


@dataclass(frozen=True)
class RollUp:
    """The status of a measure, objective, goal or priority from its direct children's."""

    status: str
    counts: dict = field(default_factory=dict)  # status -> number of children
    score: Fraction | None = None  # the mean score of the children with a status

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def assessed(self):
        """How many children count in the mean."""
        return sum(self.counts[status] for status in SCORES)


def roll_up(statuses):
    """The roll-up of the children's ``statuses`` by the rule above."""
    statuses = list(statuses)
    counts = {status: statuses.count(status) for status in STATUSES}
    scored = [SCORES[status] for status in statuses if status in SCORES]
    if not scored:
        return RollUp(NO_DATA, counts)
    score = Fraction(sum(scored), len(scored))
    if score > ON_TRACK_SCORE:
        status = ON_TRACK
    elif score > AT_RISK_SCORE:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return RollUp(status, counts, score)
