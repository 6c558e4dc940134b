"""What the PDFs the site makes (the consultation and monitoring reports) share: the font,
DejaVu Sans, which has the Lithuanian letters (ą č ę ė į š ų ū ž), embedded by reportlab;
and the look of their tables."""

from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Table, TableStyle

from django.core.exceptions import ImproperlyConfigured

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD_FONT = "DejaVuSans", "DejaVuSans-Bold"


def register_fonts():
    """Register DejaVu Sans (regular and bold) with reportlab, once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        raise ImproperlyConfigured(
            f"The site's PDF reports need the DejaVu fonts in {FONT_DIR} "
            "(Debian package fonts-dejavu-core)."
        )
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD_FONT)


TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def table(rows, widths):
    """A table with a header row, repeated on each page, in the reports' style."""
    result = Table(rows, colWidths=widths, repeatRows=1)
    result.setStyle(TABLE_STYLE)
    return result
