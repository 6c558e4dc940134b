"""The status rule (plans/status.py) against cases computed by hand, and its roll-up."""

from decimal import Decimal
from fractions import Fraction

import pytest

from plans.models import PlanDraftPage
from plans.status import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK, assess, roll_up
from plans.tree import build_outline
from tests.plans.plan_data import indicator, measure


def values(**by_year):
    return {int(year[1:]): Decimal(value) for year, value in by_year.items()}


def test_the_issue_example_is_at_risk_and_reached_in_2034():
    # Baseline 12.1 (2021), 14.0 (2024), target 20. Two points: the line passes through both,
    # slope (14.0 − 12.1) / 3 = 1.9 / 3 per year.
    # In 2030: 12.1 + 9 × 1.9 / 3 = 12.1 + 5.7 = 17.8; share (17.8 − 12.1) / (20 − 12.1)
    # = 5.7 / 7.9 = 57/79 ≈ 0.72: at least ½, below 1 → at risk.
    # Reaches 20 at 2021 + 7.9 / (1.9 / 3) = 2021 + 12.47… = 2033.47… → 2034.
    result = assess("12.1", 2021, "20", values(y2024="14.0"))
    assert result.slope == Fraction(19, 30)
    assert result.projected == Fraction(178, 10)
    assert result.share == Fraction(57, 79)
    assert result.status == AT_RISK
    assert result.projection_year == 2034


def test_on_track_with_three_points():
    # (2020, 10), (2021, 12), (2022, 14): x̄ = 2021, ȳ = 12; Σ dx·dy = (−1)(−2) + 0 + (1)(2) = 4,
    # Σ dx² = 2 → slope 2. In 2030: 12 + 2 × 9 = 30; share (30 − 10) / (20 − 10) = 2 → on track.
    # Reaches 20 when 12 + 2 (Y − 2021) = 20 → Y = 2025.
    result = assess("10", 2020, "20", values(y2021="12", y2022="14"))
    assert (result.slope, result.projected, result.share) == (2, 30, 2)
    assert result.status == ON_TRACK
    assert result.projection_year == 2025


def test_off_track_when_the_trend_covers_less_than_half():
    # (2020, 10), (2022, 10.5), (2024, 11): x̄ = 2022, ȳ = 10.5; Σ dx·dy = (−2)(−0.5) + 0 +
    # (2)(0.5) = 2, Σ dx² = 8 → slope 0.25. In 2030: 10.5 + 0.25 × 8 = 12.5;
    # share 2.5 / 10 = 0.25 < ½ → off track. Reaches 20 when 0.25 (Y − 2022) = 9.5 → Y = 2060.
    result = assess("10", 2020, "20", values(y2022="10.5", y2024="11"))
    assert (result.slope, result.projected, result.share) == (
        Fraction(1, 4),
        Fraction(25, 2),
        Fraction(1, 4),
    )
    assert result.status == OFF_TRACK
    assert result.projection_year == 2060


def test_no_data_without_values_or_with_one_year_only():
    assert assess("10", 2020, "20", {}).status == NO_DATA
    # A value recorded for the baseline year replaces the baseline: one year, no line.
    only = assess("10", 2020, "20", values(y2020="11"))
    assert only.status == NO_DATA
    assert only.series == ((2020, 11),)


def test_lower_is_better():
    # Unemployment: (2019, 10.9), (2023, 9.8), (2024, 9.1), target 7.5.
    # x̄ = 6066 / 3 = 2022, ȳ = 29.8 / 3 = 149/15; dx = −3, 1, 2;
    # Σ dx·dy = −3 × 10.9 + 1 × 9.8 + 2 × 9.1 (Σ dx = 0) = −32.7 + 9.8 + 18.2 = −4.7; Σ dx² = 14
    # → slope −4.7 / 14 = −47/140. In 2030: 149/15 − 8 × 47/140 = 7.2476…;
    # share (7.2476 − 10.9) / (7.5 − 10.9) = 1.074… ≥ 1 → on track.
    # Reaches 7.5 at 2022 + (7.5 − 149/15) / (−47/140) = 2022 + 7.248… → 2030.
    result = assess("10.9", 2019, "7.5", values(y2023="9.8", y2024="9.1"), direction="down")
    assert result.slope == Fraction(-47, 140)
    assert result.projected == Fraction(149, 15) - 8 * Fraction(47, 140)
    assert result.status == ON_TRACK
    assert result.projection_year == 2030
    # Rising unemployment moves away from a lower target: off track, never reached.
    worse = assess("12", 2020, "6", values(y2022="13"), direction="down")
    assert (worse.status, worse.projection_year) == (OFF_TRACK, None)
    # (2020, 12), (2022, 13): slope ½; 2030: 12 + 10 × ½ = 17; share (17 − 12) / (6 − 12) = −5/6.
    assert worse.share == Fraction(-5, 6)


def test_a_target_already_met_is_on_track_whatever_the_trend():
    # 25 (2022) then 21 (2024) against 20: falling, but the latest value meets the target.
    result = assess("10", 2020, "20", values(y2022="25", y2024="21"))
    assert (result.met, result.status, result.projection_year) == (True, ON_TRACK, None)


def test_keeping_the_value():
    # Target equal to the baseline (keep 50 %): on track while the line is not worse in 2030.
    assert assess("50", 2020, "50", values(y2022="51")).status == ON_TRACK
    assert assess("50", 2020, "50", values(y2022="49")).status == OFF_TRACK


@pytest.mark.parametrize(
    ("statuses", "score", "status"),
    [
        # (2 + 2 + 1) / 3 = 5/3 ≈ 1.67 > 1.5 → on track
        ([ON_TRACK, ON_TRACK, AT_RISK], Fraction(5, 3), ON_TRACK),
        # (2 + 1) / 2 = 1.5, the no-data child left out; a tie goes to the worse → at risk
        ([ON_TRACK, AT_RISK, NO_DATA], Fraction(3, 2), AT_RISK),
        # (2 + 0) / 2 = 1 → at risk
        ([ON_TRACK, OFF_TRACK], Fraction(1), AT_RISK),
        # (1 + 0) / 2 = 0.5, a tie → off track
        ([AT_RISK, OFF_TRACK], Fraction(1, 2), OFF_TRACK),
        ([NO_DATA, NO_DATA], None, NO_DATA),
        ([], None, NO_DATA),
    ],
)
def test_roll_up_scores(statuses, score, status):
    result = roll_up(statuses)
    assert (result.score, result.status) == (score, status)
    assert sum(result.counts.values()) == len(statuses)


@pytest.mark.django_db  # loading the measures' chooser blocks reads pages
def test_statuses_roll_up_through_the_plan_tree():
    """Two measures under one objective: indicators → measures → objective → goal → priority."""
    tree = [
        {
            "type": "priority",
            "value": {
                "title": "Prioritetas",
                "description": "",
                "goals": [
                    {
                        "title": "Tikslas",
                        "description": "",
                        "objectives": [
                            {
                                "title": "Uždavinys",
                                "measures": [
                                    measure("A", indicators=[indicator("a1"), indicator("a2")]),
                                    measure("B", indicators=[indicator("b1")]),
                                ],
                            }
                        ],
                    }
                ],
            },
        }
    ]
    page = PlanDraftPage(plan_tree=tree)
    ids = {}
    for element in page.elements():
        ids[element.title] = element.id
    # Baseline 10 (2019), target 20 (plan_data.indicator).
    recorded = {
        # a1: (2019, 10), (2020, 12) → slope 2, 2030: 32 → on track
        ids["a1"]: {2020: Decimal("12")},
        # a2: (2019, 10), (2029, 11) → slope 0.1, 2030: 11.1; share 1.1 / 10 < ½ → off track
        ids["a2"]: {2029: Decimal("11")},
        # b1: no values → no data
    }
    (priority,) = build_outline(page.plan_tree, recorded)
    goal = priority.children[0]
    objective = goal.children[0]
    measure_a, measure_b = objective.children
    assert [i.status for i in measure_a.children] == [ON_TRACK, OFF_TRACK]
    assert (measure_a.status, measure_a.rollup.score) == (AT_RISK, 1)  # (2 + 0) / 2
    assert measure_b.status == NO_DATA
    # The objective: measure A at risk (1), measure B no data (left out) → 1 → at risk.
    assert (objective.status, objective.rollup.score) == (AT_RISK, 1)
    assert objective.rollup.counts[NO_DATA] == 1
    assert goal.status == priority.status == AT_RISK
