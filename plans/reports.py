"""The yearly monitoring report of a plan: what it shows, frozen as JSON when published, and
the same content as a PDF.

A report covers a plan and a year: per priority, the indicators with their values up to that
year, status, sentence (``plans.narratives``) and chart, and the measures with their progress
and status. Publishing stores all of it as a snapshot, in every language the plan has, as
plain JSON (numbers as decimal strings): values corrected later change the plan page, never
a published report; a new edition of the same year shows them. Pages and the PDF are drawn
from the snapshot alone (charts are re-drawn from its values by ``plans.charts``).
"""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core import pdf
from core.numbers import format_number, significant
from core.pdf import BOLD_FONT, FONT, register_fonts
from plans.charts import indicator_chart
from plans.progress import latest_value
from plans.status import LABELS, STATUSES
from plans.tree import PlanElement, walk

# Debian's fonts-dejavu-core: every Lithuanian letter (ą č ę ė į š ų ū ž), embedded in the PDF.
INDICATOR_FIELDS = ("unit", "direction", "baseline_year")
NUMBER_FIELDS = ("baseline_value", "target_2025", "target_2030")


def decimal_text(value):
    """A number as the open data writes it: a decimal point, no trailing zeros; "" if none."""
    return "" if value is None else format(significant(value), "f")


def indicator_record(element):
    fields = element.fields
    record = {
        "id": element.id,
        "number": element.number,
        "title": element.title,
        **{name: fields.get(name) for name in INDICATOR_FIELDS},
        **{name: decimal_text(fields.get(name)) for name in NUMBER_FIELDS},
        "values": {str(year): decimal_text(value) for year, value in element.values.items()},
        "status": element.status,
        "status_label": str(element.status_label),
        "projection_year": element.assessment.projection_year,
        "narrative": element.narrative,
    }
    return record


def measure_record(element):
    fields = element.fields
    return {
        "id": element.id,
        "number": element.number,
        "title": element.title,
        "responsible_groups": [group.title for group in element.groups],
        "period": f"{fields.get('period_start')}–{fields.get('period_end')}",
        "progress": "" if element.progress is None else f"{element.progress:.4f}",
        "status": element.status,
        "status_label": str(element.status_label),
        "status_basis": element.status_basis,
    }


def language_content(page, year):
    """What the report shows in the page's language: values recorded up to ``year``."""
    with translation.override(page.locale.language_code):
        outline = page.outline(up_to_year=year)
        indicators = [element for element in walk(outline) if element.kind == "indicator"]
        return {
            "language": page.locale.language_code,
            "plan": page.title,
            "version": page.version_label,
            "counts": {
                status: sum(1 for i in indicators if i.status == status) for status in STATUSES
            },
            "priorities": [
                {
                    "id": priority.id,
                    "number": priority.number,
                    "title": priority.title,
                    "status": priority.status,
                    "status_label": str(priority.status_label),
                    "status_basis": priority.status_basis,
                    "indicators": [indicator_record(i) for i in priority.indicators()],
                    "measures": [
                        measure_record(element)
                        for element in priority.walk()
                        if element.kind == "measure"
                    ],
                }
                for priority in outline
            ],
        }


def make_snapshot(plan, year):
    """The whole report in every language of the plan (the plan and its live translations)."""
    pages = [plan, *plan.get_translations().live().specific()]
    return {
        "year": year,
        "languages": {page.locale.language_code: language_content(page, year) for page in pages},
    }


def content_in(snapshot, language):
    """The snapshot's content in ``language``, else in the plan's own language."""
    languages = snapshot.get("languages", {})
    return languages.get(language) or next(iter(languages.values()), None)


def chart_element(record):
    """An indicator of the snapshot as a plan element, for ``plans.charts`` and its template."""
    fields = {name: record.get(name) for name in INDICATOR_FIELDS}
    for name in NUMBER_FIELDS:
        fields[name] = Decimal(record[name]) if record.get(name) else None
    values = {int(year): Decimal(value) for year, value in record["values"].items()}
    element = PlanElement(
        kind="indicator",
        id=record["id"],
        number=record["number"],
        title=record["title"],
        fields=fields,
        values=values,
        latest=latest_value(values),
    )
    element.chart = indicator_chart(element) if values else None
    return element


def presentable(content):
    """The snapshot's content with each indicator's chart drawn (for the page and the PDF)."""
    for priority in content["priorities"]:
        for record in priority["indicators"]:
            record["element"] = chart_element(record)
    content["count_list"] = [
        (status, LABELS[status], content["counts"].get(status, 0)) for status in STATUSES
    ]
    return content


# --- PDF -------------------------------------------------------------------------------------


BRAND, ACCENT, MUTED = colors.HexColor("#0b5d3b"), colors.HexColor("#8a3b00"), colors.grey


def chart_drawing(chart, scale=0.5):
    """The page's SVG chart (``plans.charts``) drawn for reportlab (whose y axis goes up)."""
    drawing = Drawing(chart.width * scale, chart.height * scale)

    def point(x, y):
        return x * scale, (chart.height - y) * scale

    size = chart.font_size * scale
    drawing.add(
        String(
            0, (chart.height - chart.font_size) * scale, chart.unit, fontName=FONT, fontSize=size
        )
    )
    for tick in chart.y_ticks:
        x1, y = point(chart.plot_left, tick["y"])
        x2, _y = point(chart.plot_right, tick["y"])
        drawing.add(Line(x1, y, x2, y, strokeColor=colors.HexColor("#d5dcd8"), strokeWidth=0.5))
        drawing.add(
            String(
                x1 - 3,
                y - size / 3,
                tick["label"],
                fontName=FONT,
                fontSize=size,
                textAnchor="end",
                fillColor=MUTED,
            )
        )
    for tick in chart.x_ticks:
        x, y = point(tick["x"], chart.x_label_y)
        drawing.add(
            String(
                x,
                y,
                str(tick["label"]),
                fontName=FONT,
                fontSize=size,
                textAnchor="middle",
                fillColor=MUTED,
            )
        )

    def line(dots, color, width, dash=None):
        points = [coordinate for dot in dots for coordinate in point(dot["x"], dot["y"])]
        if len(points) >= 4:
            drawing.add(
                PolyLine(points, strokeColor=color, strokeWidth=width, strokeDashArray=dash)
            )

    line(chart.plan_dots, ACCENT, 1, dash=[3, 2])
    for dot in chart.plan_dots:
        x, y = point(dot["x"], dot["y"])
        drawing.add(Rect(x - 2, y - 2, 4, 4, fillColor=ACCENT, strokeColor=None))
    line(chart.actual_dots, BRAND, 1.5)
    for dot in chart.actual_dots:
        x, y = point(dot["x"], dot["y"])
        drawing.add(Rect(x - 2, y - 2, 4, 4, fillColor=BRAND, strokeColor=None))
    return drawing


def to_pdf(report, content, address):
    """An A4 PDF of the published ``content`` (one language of the snapshot)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle("heading", parent=body, fontName=BOLD_FONT, fontSize=13, leading=16)
    subheading = ParagraphStyle("subheading", parent=heading, fontSize=10.5, leading=13)
    title = ParagraphStyle("title", parent=body, fontName=BOLD_FONT, fontSize=17, leading=21)

    def text(value, style=body):
        return Paragraph(escape(str(value)), style)

    heading_text = _("Monitoring report %(year)s") % {"year": report.year}
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{heading_text}: {content['plan']}",
        lang=content["language"],
    )
    story = [
        text(heading_text, title),
        Spacer(0, 2 * mm),
        text(content["plan"], heading),
        text(edition_line(report)),
        text(address, small),
        Spacer(0, 3 * mm),
        text(
            _("Indicators by status, with values recorded up to %(year)s:") % {"year": report.year}
        ),
        text(", ".join(f"{label}: {count}" for _s, label, count in content["count_list"])),
    ]
    if report.note:
        story.append(text(_("What this edition changes: %(note)s") % {"note": report.note}))
    for priority in content["priorities"]:
        story += [
            Spacer(0, 6 * mm),
            text(f"{priority['number']}. {priority['title']}", heading),
            text(f"{priority['status_label'].capitalize()} · {priority['status_basis']}", small),
        ]
        for record in priority["indicators"]:
            element = record["element"]
            parts = [
                Spacer(0, 3 * mm),
                text(f"{record['number']}. {record['title']} ({record['unit']})", subheading),
                text(f"{record['status_label'].capitalize()}. {record['narrative']}"),
            ]
            values = "; ".join(
                f"{year}: {format_number(value)}" for year, value in element.values.items()
            )
            if values:
                parts.append(text(_("Values: %(values)s") % {"values": values}, small))
            if element.chart is not None:
                parts.append(chart_drawing(element.chart))
            story.append(KeepTogether(parts))
        if priority["measures"]:
            story += [Spacer(0, 3 * mm), text(_("Measures"), subheading)]
            rows = [[text(header, small) for header in measure_headers()]]
            for measure in priority["measures"]:
                rows.append(
                    [
                        text(measure["number"], small),
                        text(measure["title"], small),
                        text(measure["period"], small),
                        text(progress_text(measure), small),
                        text(measure["status_label"].capitalize(), small),
                    ]
                )
            story.append(pdf.table(rows, [16 * mm, 76 * mm, 30 * mm, 26 * mm, 26 * mm]))
    document.build(story)
    return buffer.getvalue()


def measure_headers():
    return [_("No."), _("Measure"), _("Period"), _("Progress"), pgettext("monitoring", "Status")]


def progress_text(measure):
    if not measure["progress"]:
        return "—"
    return _("%(share)s%% of the way") % {"share": round(Decimal(measure["progress"]) * 100)}


def edition_line(report):
    """ "Edition 2, published on 2026 m. gruodžio 6 d." in the active language."""
    return _("Edition %(edition)s, published on %(date)s") % {
        "edition": report.edition,
        "date": date_format(timezone.localtime(report.published_at), "DATE_FORMAT"),
    }
