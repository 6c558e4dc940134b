"""The sentence under an indicator's chart, in Lithuanian and English (plans/narratives.py)."""

from decimal import Decimal

import pytest

from django.utils import translation

from plans.narratives import narrative, status_basis
from plans.status import AT_RISK, NO_DATA, ON_TRACK, roll_up

NBSP = "\u00a0"


def fields(baseline, baseline_year, target, direction="up"):
    return {
        "baseline_value": Decimal(baseline),
        "baseline_year": baseline_year,
        "target_2030": Decimal(target),
        "direction": direction,
    }


def both(indicator, values):
    """The sentence in Lithuanian and in English (non-breaking spaces as plain ones: the
    issue's example is checked for them)."""
    values = {year: Decimal(value) for year, value in values.items()}
    sentences = []
    for language in ("lt", "en"):
        with translation.override(language):
            sentences.append(narrative(indicator, values).replace(NBSP, " "))
    return sentences


def test_the_issue_example():
    lt, en = both(fields("12.1", 2021, "20"), {2024: "14.0"})
    assert lt == (
        "Padidėjo nuo 12,1 (2021 m.) iki 14,0 (2024 m.), +16 %. Tikslas 2030 m.: 20. "
        "Tokiu tempu tikslas būtų pasiektas 2034 m., 4 metais per vėlai: kyla rizika."
    )
    with translation.override("lt"):
        written = narrative(fields("12.1", 2021, "20"), {2024: Decimal("14.0")})
    # A year and its "m.", a number and its "%" never part at a line's end.
    assert f"+16{NBSP}%" in written and f"(2021{NBSP}m.)" in written and f"2034{NBSP}m.," in written
    assert en == (
        "Rose from 12.1 (2021) to 14.0 (2024), +16%. Target for 2030: 20. "
        "At the current pace the target is reached in 2034, 4 years late: at risk."
    )


def test_no_data_and_one_value():
    lt, en = both(fields("4500", 2019, "6000"), {})
    assert lt == (
        "Nuo bazinės reikšmės 4 500 (2019 m.) naujų duomenų nėra. Tikslas 2030 m.: 6 000. "
        "Būklė: nėra duomenų."
    )
    assert en == (
        "No values recorded since the baseline 4,500 (2019). Target for 2030: 6,000. "
        "Status: no data."
    )
    lt, en = both(fields("12.5", 2019, "20"), {2019: "12.5"})
    assert lt.startswith("Kol kas tik viena reikšmė: 12,5 (2019 m.).")
    assert lt.endswith("Tendencijai nustatyti reikia bent dvejų metų duomenų: nėra duomenų.")
    assert en.startswith("Only one value so far: 12.5 (2019).")


def test_falling_unchanged_met_and_the_wrong_way():
    lt, en = both(fields("12.1", 2021, "20"), {2024: "10.4"})
    assert lt.startswith("Sumažėjo nuo 12,1 (2021 m.) iki 10,4 (2024 m.), -14 %.")
    assert lt.endswith("Tendencija tolsta nuo tikslo: atsiliekama.")
    assert en.startswith("Fell from 12.1 (2021) to 10.4 (2024), -14%.")
    assert en.endswith("The trend moves away from the target: off track.")

    lt, en = both(fields("12.1", 2021, "20"), {2024: "12.1"})
    assert lt.startswith("Nuo 2021 m. nepakito: 12,1.")
    assert lt.endswith("Tokiu tempu tikslas nebūtų pasiektas: atsiliekama.")
    assert en.startswith("Unchanged since 2021: 12.1.")

    lt, en = both(fields("12.1", 2021, "20"), {2023: "21"})
    assert lt.endswith("Tikslas 2030 m.: 20. Jau pasiektas: pagal planą.")
    assert en.endswith("Target for 2030: 20. Already reached: on track.")


def test_lower_is_better():
    # Unemployment from 10.9 % towards 7.5 % (the demo's figures): reached in 2030.
    lt, en = both(fields("10.9", 2019, "7.5", "down"), {2023: "9.8", 2024: "9.1"})
    assert lt == (
        "Sumažėjo nuo 10,9 (2019 m.) iki 9,1 (2024 m.), -17 %. Tikslas 2030 m.: 7,5. "
        "Tokiu tempu tikslas būtų pasiektas 2030 m.: pagal planą."
    )
    assert en == (
        "Fell from 10.9 (2019) to 9.1 (2024), -17%. Target for 2030: 7.5. "
        "At the current pace the target is reached in 2030: on track."
    )


# Baseline 0 in 2000 and 1 in 2001: the line rises 1 a year and reaches a target T in 2000 + T.
@pytest.mark.parametrize(
    ("target", "lt", "en"),
    [
        ("31", "2031 m., 1 metais per vėlai", "2031, 1 year late"),
        ("32", "2032 m., 2 metais per vėlai", "2032, 2 years late"),
        ("40", "2040 m., 10 metų per vėlai", "2040, 10 years late"),
        ("51", "2051 m., 21 metais per vėlai", "2051, 21 years late"),
        ("29", "2029 m., 1 metais anksčiau", "2029, 1 year early"),
        ("28", "2028 m., 2 metais anksčiau", "2028, 2 years early"),
        ("20", "2020 m., 10 metų anksčiau", "2020, 10 years early"),
        ("9", "2009 m., 21 metais anksčiau", "2009, 21 years early"),
    ],
)
def test_plural_forms_of_years(target, lt, en):
    lithuanian, english = both(fields("0", 2000, target), {2001: "1"})
    assert f"Tokiu tempu tikslas būtų pasiektas {lt}:" in lithuanian
    assert f"At the current pace the target is reached in {en}:" in english


def test_what_a_rolled_up_status_rests_on():
    rollup = roll_up([ON_TRACK, ON_TRACK, AT_RISK, NO_DATA])
    with translation.override("lt"):
        assert status_basis(rollup) == (
            "pagal planą: 2, kyla rizika: 1, nėra duomenų: 1; vidutinis balas 1,67 iš 2"
        )
    with translation.override("en"):
        assert status_basis(rollup) == "on track: 2, at risk: 1, no data: 1; mean score 1.67 of 2"
    with translation.override("en"):
        assert status_basis(roll_up([NO_DATA])) == "no data: 1"
