"""The progress rule of an indicator and its roll-up, on plain numbers."""

from decimal import Decimal

import pytest

from plans.progress import latest_value, mean_progress, progress


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "direction", "expected"),
    [
        # Rising indicator: a quarter and half of the way.
        ("10", "20", "12.5", "up", "0.25"),
        ("10", "20", "15", "up", "0.5"),
        # Falling indicator (lower is better): from 12 % unemployment towards 6 %.
        ("12", "6", "9", "down", "0.5"),
        ("12", "6", "10.5", "down", "0.25"),
        # Target already met or passed counts as done, not more.
        ("10", "20", "20", "up", "1"),
        ("10", "20", "26", "up", "1"),
        ("12", "6", "4", "down", "1"),
        # Gone the wrong way: no progress, never negative.
        ("10", "20", "8", "up", "0"),
        ("12", "6", "14", "down", "0"),
    ],
)
def test_share_of_the_way_from_baseline_to_target(baseline, target, actual, direction, expected):
    assert progress(baseline, target, actual, direction) == Decimal(expected)


@pytest.mark.parametrize(
    ("actual", "direction", "expected"),
    [("50", "up", 1), ("49", "up", 0), ("50", "down", 1), ("48", "down", 1), ("51", "down", 0)],
)
def test_baseline_equal_to_target_needs_no_division(actual, direction, expected):
    """Keeping a value (e.g. 50 % recycling held at 50 %) is met as long as it did not worsen."""
    assert progress("50", "50", actual, direction) == Decimal(expected)


def test_no_actual_value_means_unknown_progress():
    assert progress("10", "20", None) is None


def test_missing_years_use_the_latest_recorded_value():
    values = {2021: Decimal("11"), 2023: Decimal("14")}  # nothing recorded for 2022 or 2024
    assert latest_value(values) == (2023, Decimal("14"))
    assert latest_value(values, up_to_year=2022) == (2021, Decimal("11"))
    assert latest_value(values, up_to_year=2020) is None


def test_roll_up_averages_known_progress_only():
    assert mean_progress([Decimal("0.5"), None, Decimal("1")]) == Decimal("0.75")
    assert mean_progress([None, None]) is None
