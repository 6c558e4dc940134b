"""How far an indicator has come: the share of the way from its baseline to its target.

Pure functions over numbers, so the rule is tested on its own and used the same way by the
page, the open data and the home page summary.
"""

from decimal import Decimal


def progress(baseline, target, actual, direction="up"):
    """The share (0..1) of the way from ``baseline`` to ``target`` that ``actual`` has gone.

    Works for falling indicators (target below baseline) as for rising ones; a value past the
    target counts as 1 (met), a value that went the wrong way as 0. Where the target equals the
    baseline there is no way to go: the indicator is met (1) while it has not got worse, else 0.
    ``None`` where there is no actual value or no target.
    """
    if actual is None or target is None or baseline is None:
        return None
    baseline, target, actual = Decimal(baseline), Decimal(target), Decimal(actual)
    if target == baseline:
        kept = actual >= target if direction == "up" else actual <= target
        return Decimal(1) if kept else Decimal(0)
    share = (actual - baseline) / (target - baseline)
    return max(Decimal(0), min(Decimal(1), share))


def latest_value(values_by_year, up_to_year=None):
    """The most recent ``(year, value)`` recorded, at or before ``up_to_year``; else ``None``.

    Years without a value are simply missing: the latest recorded year stands for them.
    """
    years = [year for year in values_by_year if up_to_year is None or year <= up_to_year]
    if not years:
        return None
    year = max(years)
    return year, values_by_year[year]


def mean_progress(shares):
    """The mean of the known shares (``None`` ignored); ``None`` when none is known."""
    known = [share for share in shares if share is not None]
    if not known:
        return None
    return sum(known, Decimal(0)) / len(known)
