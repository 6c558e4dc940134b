"""Numbers as people read them, the same on every page, chart, table and e-mail.

Lithuanian: a non-breaking space between thousands and a decimal comma (4 500 000; 10,9);
English: a thousands comma and a decimal point (4,500,000; 10.9). A value keeps the decimals
it has and no more: a decimal field stores 10.900, people read 10,9.

Django's `number_format` does the writing, with the separators of the active language's
formats (`core/formats/` corrects Lithuanian's thousands separator to a space), so the
admin, `floatformat` and this module agree. Thousands are always grouped here, four-digit
numbers too: 2 045 cannot be read as a year. The site leaves `USE_THOUSAND_SEPARATOR` off,
because it would group years and ids printed as plain numbers.

Missing values (``None``) print as ``—``. A minus sign is the hyphen-minus, as in the open
data and spreadsheets.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.utils import formats, translation

MISSING = "—"
NBSP = "\u00a0"


def as_decimal(value):
    """``value`` (a Decimal, int, float or numeric string) as a finite Decimal.

    Floats go through their shortest representation (0.1 is 0.1, not 0.1000000000000000055…).
    Raises ``ValueError`` for anything else.
    """
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, float):
        value = repr(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValueError(f"not a number: {value!r}") from error
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def significant(value):
    """``value`` as a Decimal without trailing zeros after the decimal point (10.900 → 10.9,
    9.000 → 9; 4500000 becomes 4.5E+6, which still writes as 4500000)."""
    number = as_decimal(value)
    with localcontext() as context:
        context.prec = max(context.prec, len(number.as_tuple().digits))
        return number.normalize()


def decimal_places(value):
    """How many decimals ``value`` has once its trailing zeros are dropped."""
    return max(0, -significant(value).as_tuple().exponent)


def format_number(value, language=None, *, decimals=None):
    """``value`` written for a reader of ``language`` (default: the active language).

    ``decimals`` rounds (half up) to that many places and keeps them all (a chart's ticks:
    7,5 · 10,0 · 12,5); without it the value keeps its own decimals without trailing zeros.
    """
    if value is None:
        return MISSING
    if decimals is None:
        number = significant(value)
        places = decimal_places(number)
    else:
        places = max(0, int(decimals))
        number = as_decimal(value)
        with localcontext() as context:
            context.prec = max(context.prec, number.adjusted() + places + 2)
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)  # never "-0"
    if language is None:
        return str(formats.number_format(number, places, use_l10n=True, force_grouping=True))
    with translation.override(language):
        return str(formats.number_format(number, places, use_l10n=True, force_grouping=True))


def format_money(value, currency="EUR", language=None):
    """An amount with its currency after it, never split across lines: 4 500 000 EUR."""
    if value is None:
        return MISSING
    return f"{format_number(value, language)}{NBSP}{currency}"
