"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Excel, LibreOffice and Google Sheets take a cell that begins with `=`, `+`, `-` or `@` (or
with a tab or a carriage return before one) for a formula: a search term or a title such as
`=HYPERLINK(...)` typed by anyone would run on the editor's machine. Such a cell gets a
leading apostrophe, which spreadsheets show as text (OWASP, "CSV Injection"). A plain
number such as `-2.5` is not a formula and is left as it is, so open data keep their values.
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def formula_safe_cell(value):
    """``value`` as the text of a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def formula_safe_row(values):
    """A row (list or dict of cells) with every cell made formula-safe."""
    if isinstance(values, dict):
        return {key: formula_safe_cell(value) for key, value in values.items()}
    return [formula_safe_cell(value) for value in values]
