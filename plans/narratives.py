"""The sentence under an indicator's chart, written from its data in the active language.

Plain templates filled with the numbers of ``plans.status.assess`` (no language model): how
the value moved from the first point of its series to the latest (with the change in per
cent), the target, and where the trend leads, ending with the status. Numbers are written
the reader's way (``core.numbers``), the two values compared with the same decimals
(12,1 → 14,0); counts of years take the language's plural forms (ngettext).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.numbers import decimal_places, format_number
from plans.status import (
    HORIZON_YEAR,
    LABELS,
    NO_DATA,
    ON_TRACK,
    STATUSES,
    TARGET_YEAR,
    assess_indicator,
    exact,
)


def percent(number):
    """A change in per cent with its sign: +16 % (Lithuanian), +16% (English)."""
    sign = "+" if number > 0 else ""
    return _("%(number)s%%") % {"number": sign + format_number(number)}


def relative_change(first, latest):
    """The change from ``first`` to ``latest`` in per cent, whole (one decimal below 1 %);
    ``None`` from zero."""
    if first == 0:
        return None
    change = as_decimal((latest - first) / abs(first) * 100)
    places = 0 if abs(change) >= Decimal("0.5") else 1
    return change.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def as_decimal(fraction):
    """An exact fraction of decimal inputs back as a Decimal (12.1, not 12.0999…)."""
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def as_written(fraction, decimals=None):
    return format_number(as_decimal(fraction), decimals=decimals)


def movement(assessment, baseline_value, baseline_year):
    """The first sentence: what the recorded values did."""
    if not assessment.series:
        return _("No values recorded since the baseline %(value)s (%(year)s).") % {
            "value": format_number(baseline_value),
            "year": baseline_year,
        }
    if len(assessment.series) == 1:
        year, value = assessment.first
        return _("Only one value so far: %(value)s (%(year)s).") % {
            "value": as_written(value),
            "year": year,
        }
    (first_year, first), (latest_year, latest) = assessment.first, assessment.latest
    if first == latest:
        return _("Unchanged since %(year)s: %(value)s.") % {
            "year": first_year,
            "value": as_written(first),
        }
    decimals = max(decimal_places(as_decimal(value)) for value in (first, latest))
    numbers = {
        "first": as_written(first, decimals),
        "first_year": first_year,
        "latest": as_written(latest, decimals),
        "latest_year": latest_year,
    }
    change = relative_change(first, latest)
    if latest > first:
        if change is None:
            return _("Rose from %(first)s (%(first_year)s) to %(latest)s (%(latest_year)s).") % (
                numbers
            )
        return _(
            "Rose from %(first)s (%(first_year)s) to %(latest)s (%(latest_year)s), %(change)s."
        ) % {**numbers, "change": percent(change)}
    if change is None:
        return _("Fell from %(first)s (%(first_year)s) to %(latest)s (%(latest_year)s).") % (
            numbers
        )
    return _(
        "Fell from %(first)s (%(first_year)s) to %(latest)s (%(latest_year)s), %(change)s."
    ) % {**numbers, "change": percent(change)}


def outlook(assessment, baseline_value, target):
    """The last sentence: where the trend leads, ending with the status."""
    status = str(assessment.label)
    if assessment.status == NO_DATA:
        if assessment.series:
            return _("A trend needs values of at least two years: %(status)s.") % {"status": status}
        return _("Status: %(status)s.") % {"status": status}
    if assessment.met:
        return _("Already reached: %(status)s.") % {"status": status}
    if exact(baseline_value) == target:
        if assessment.status == ON_TRACK:
            return _(
                "The aim is to keep the value, and at the current pace it holds: %(status)s."
            ) % {"status": status}
        return _(
            "The aim is to keep the value, but at the current pace it worsens: %(status)s."
        ) % {"status": status}
    year = assessment.projection_year
    slope, (_latest_year, latest) = assessment.slope, assessment.latest
    if year is None:
        if slope == 0:
            return _("At the current pace the target would not be reached: %(status)s.") % {
                "status": status
            }
        if (slope > 0) != (target > latest):
            return _("The trend moves away from the target: %(status)s.") % {"status": status}
        return _(
            "At the current pace the target would not be reached before %(horizon)s: %(status)s."
        ) % {"horizon": HORIZON_YEAR, "status": status}
    numbers = {"year": year, "status": status, "count": abs(year - TARGET_YEAR)}
    if year > TARGET_YEAR:
        return (
            ngettext(
                "At the current pace the target is reached in %(year)s, %(count)s year late: "
                "%(status)s.",
                "At the current pace the target is reached in %(year)s, %(count)s years late: "
                "%(status)s.",
                numbers["count"],
            )
            % numbers
        )
    if year < TARGET_YEAR:
        return (
            ngettext(
                "At the current pace the target is reached in %(year)s, %(count)s year early: "
                "%(status)s.",
                "At the current pace the target is reached in %(year)s, %(count)s years early: "
                "%(status)s.",
                numbers["count"],
            )
            % numbers
        )
    return _("At the current pace the target is reached in %(year)s: %(status)s.") % numbers


def narrative(fields, values, assessment=None):
    """The sentence for an indicator's block ``fields`` and recorded ``{year: value}``."""
    if assessment is None:
        assessment = assess_indicator(fields, values)
    baseline, baseline_year = fields["baseline_value"], fields["baseline_year"]
    target = fields["target_2030"]
    target_sentence = _("Target for %(year)s: %(value)s.") % {
        "year": TARGET_YEAR,
        "value": format_number(target),
    }
    method = ()
    if assessment.method_since:
        method = (
            _("The method changed in %(year)s: only values since then are compared.")
            % {"year": assessment.method_since},
        )
    return " ".join(
        (
            *method,
            movement(assessment, baseline, baseline_year),
            target_sentence,
            outlook(assessment, baseline, exact(target)),
        )
    )


def status_basis(rollup):
    """What a rolled-up status rests on: its children's count per status and their mean
    score ("on track: 2, at risk: 1; mean score 1.67 of 2")."""
    counts = ", ".join(
        _("%(status)s: %(count)s") % {"status": LABELS[status], "count": rollup.counts[status]}
        for status in STATUSES
        if rollup.counts.get(status)
    )
    if rollup.score is None:
        return counts
    return _("%(counts)s; mean score %(score)s of 2") % {
        "counts": counts,
        "score": format_number(as_decimal(rollup.score), decimals=2),
    }
