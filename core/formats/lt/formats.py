"""Lithuanian number formats where Django's differ from Lithuanian usage; the rest (dates:
"2020 m. liepos 21 d.") come from django/conf/locale/lt/formats.py.

Thousands are separated by a space, not a point (4 500 000, as the State Commission of the
Lithuanian Language and CLDR write them); a non-breaking one, so a number never breaks
across lines.
"""

THOUSAND_SEPARATOR = "\u00a0"
