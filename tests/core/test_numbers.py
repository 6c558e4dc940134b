"""Numbers the reader's way (core/numbers.py): Lithuanian 10,9 and 4 500 000, English 10.9 and
4,500,000, never a stored 10.900."""

import datetime
from decimal import Decimal

import pytest

from django.template import Context, Template
from django.utils import formats, translation

from core.numbers import MISSING, format_money, format_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lithuanian", "english"),
    [
        # The figures: a decimal field stores three decimals, people read the value's.
        (Decimal("10.900"), "10,9", "10.9"),
        (Decimal("7.500"), "7,5", "7.5"),
        (9, "9", "9"),
        (Decimal("9.000"), "9", "9"),
        (Decimal("4500000"), f"4{NBSP}500{NBSP}000", "4,500,000"),
        # Four digits are grouped too: 2 045 is no year.
        (2045, f"2{NBSP}045", "2,045"),
        (Decimal("0.125"), "0,125", "0.125"),
        (Decimal("-1234.50"), f"-1{NBSP}234,5", "-1,234.5"),
        (-3, "-3", "-3"),
        (0, "0", "0"),
        (Decimal("0.000"), "0", "0"),
        (Decimal("-0.0"), "0", "0"),
        (0.1, "0,1", "0.1"),
        (1234.5, f"1{NBSP}234,5", "1,234.5"),
        ("62000", f"62{NBSP}000", "62,000"),
        (10**24, NBSP.join(["1"] + ["000"] * 8), ",".join(["1"] + ["000"] * 8)),
        (Decimal("12345678901234567890123456789.125"), None, None),
    ],
)
def test_numbers_in_both_languages(value, lithuanian, english):
    if lithuanian is None:  # more digits than Decimal's default precision: none lost
        assert format_number(value, "en") == "12,345,678,901,234,567,890,123,456,789.125"
        return
    assert format_number(value, "lt") == lithuanian
    assert format_number(value, "en") == english


def test_the_active_language_decides_by_default():
    with translation.override("lt"):
        assert format_number(Decimal("10.900")) == "10,9"
    with translation.override("en"):
        assert format_number(Decimal("10.900")) == "10.9"


def test_fixed_decimals_round_half_up_and_keep_their_zeros():
    assert format_number(Decimal("2.25"), "lt", decimals=1) == "2,3"
    assert format_number(Decimal("7.5"), "en", decimals=0) == "8"
    assert format_number(10, "lt", decimals=1) == "10,0"
    assert format_number(Decimal("-0.04"), "lt", decimals=1) == "0,0", "never -0,0"
    assert format_number(Decimal("1E+30"), "en", decimals=2).endswith(",000.00")


def test_money_has_its_currency_after_it_on_the_same_line():
    assert format_money(4500000, "EUR", "lt") == f"4{NBSP}500{NBSP}000{NBSP}EUR"
    assert format_money(Decimal("4500000.00"), "EUR", "en") == f"4,500,000{NBSP}EUR"


def test_a_missing_value_is_a_dash_and_anything_else_refused():
    assert format_number(None, "lt") == MISSING == format_money(None)
    for value in ("abc", "", float("nan"), Decimal("Infinity"), True, [1]):
        with pytest.raises(ValueError):
            format_number(value, "lt")


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load numbers %}" + source).render(Context(context))


def test_template_filters():
    value, cost = Decimal("10.900"), Decimal("4500000")
    assert render("{{ value|number }} · {{ cost|money }}", "lt", value=value, cost=cost) == (
        f"10,9 · 4{NBSP}500{NBSP}000{NBSP}EUR"
    )
    assert render("{{ value|number:2 }}", "en", value=value) == "10.90"
    assert render("{{ value|number }}", "lt", value=None) == MISSING
    # A text that is no number is shown as it is; a template never fails on one.
    assert render("{{ value|number }}", "lt", value="n/a") == "n/a"
    # Written for people even where a template turns localisation off (an SVG's coordinates).
    assert (
        render(
            "{% load l10n %}{% localize off %}{{ value|number }}{% endlocalize %}",
            "lt",
            value=value,
        )
        == "10,9"
    )


def test_django_formats_agree_lithuanian_thousands_and_dates():
    """FORMAT_MODULE_PATH (core/formats) corrects Django's Lithuanian thousands point; the
    dates stay Django's, as every page prints them."""
    assert formats.get_format("THOUSAND_SEPARATOR", "lt") == NBSP
    assert formats.get_format("DECIMAL_SEPARATOR", "lt") == ","
    with translation.override("lt"):
        assert Template('{{ cost|floatformat:"0g" }}').render(Context({"cost": 4500000})) == (
            f"4{NBSP}500{NBSP}000"
        )
        day = datetime.date(2020, 7, 21)
        assert formats.date_format(day, "DATE_FORMAT") == "2020 m. liepos 21 d."
    with translation.override("en"):
        assert formats.date_format(datetime.date(2020, 7, 21), "DATE_FORMAT") == "July 21, 2020"
