"""`{{ value|number }}` and `{{ amount|money }}`: numbers the reader's way (core/numbers.py).

A value that is not a number is shown as it is, so a template never fails on one.
"""

from django import template

from core.numbers import format_money, format_number

register = template.Library()


@register.filter
def number(value, decimals=None):
    """10.900 → "10,9" in Lithuanian, "10.9" in English; ``|number:1`` keeps one decimal."""
    try:
        return format_number(value, decimals=None if decimals in (None, "") else int(decimals))
    except ValueError:
        return value


@register.filter
def money(value, currency="EUR"):
    """4500000 → "4 500 000 EUR" (the currency after, never on a line of its own)."""
    try:
        return format_money(value, currency)
    except ValueError:
        return value
