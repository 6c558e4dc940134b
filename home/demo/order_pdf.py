"""Renders the demonstration copy of the mayor's order as a small PDF with reportlab.

The text is set in a TrueType font that has the Lithuanian letters (ą č ę ė į š ų ū ž):
reportlab's built-in fonts do not, and a PDF without them would show blanks. The font is
embedded, so the PDF's text can be extracted (e.g. by pypdf for search). The output is
byte-for-byte the same on every run (reportlab's "invariant" mode), so re-loading the demo
can tell whether the stored file is still current.
"""

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

# (regular, bold) font files with Lithuanian letters, in order of preference: Debian's
# fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf.
FONT_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    ),
]
FONT_NAME = "DemoSans"
BOLD_FONT_NAME = "DemoSans-Bold"


class FontNotFoundError(RuntimeError):
    """No TrueType font with Lithuanian letters was found on this machine."""


def register_fonts():
    """Register the first available font pair with reportlab; return the files used."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file():
            bold = bold if Path(bold).is_file() else regular
            if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(FONT_NAME, regular))
                pdfmetrics.registerFont(TTFont(BOLD_FONT_NAME, bold))
            return regular, bold
    tried = ", ".join(regular for regular, _bold in FONT_CANDIDATES)
    raise FontNotFoundError(
        f"No TrueType font with Lithuanian letters found (tried {tried}). "
        "Install one, e.g. `apt-get install fonts-dejavu-core`."
    )


def render_order(text, *, title, author):
    """Return the PDF bytes of the order described by ``text`` (see content.ORDER_PDF)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT_NAME, fontSize=11, leading=15, spaceAfter=6)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", parent=centred, fontName=BOLD_FONT_NAME, fontSize=12)
    notice = ParagraphStyle("notice", parent=body, fontSize=9, leading=12, borderPadding=4)

    def para(value, style=body):
        return Paragraph(escape(value), style)

    story = [
        para(text["issuer"], heading),
        Spacer(1, 4 * mm),
        para(text["kind"], heading),
        para(text["subject"], heading),
        Spacer(1, 2 * mm),
        para(text["date_and_number"], centred),
        para(text["place"], centred),
        Spacer(1, 6 * mm),
        para(text["notice"], notice),
        Spacer(1, 4 * mm),
        para(text["lead"]),
        ListFlowable(
            [ListItem(para(group)) for group in text["groups"]],
            bulletType="1",
            bulletFontName=FONT_NAME,
            bulletFormat="%s.",
        ),
        *(para(paragraph) for paragraph in text["closing"]),
    ]

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        subject=text["subject"].capitalize(),
        lang="lt",
        invariant=True,
    )
    document.build(story)
    return buffer.getvalue()
