"""The plan tree as open data: one flat table (CSV) and one nested document (JSON).

Field meanings are documented in docs/open-data.md; change both together. CSV cells that a
spreadsheet would run as a formula (a title beginning with "=") begin with an apostrophe;
numbers are left as they are (core/csv_cells.py): machine-readable, with a decimal point and
no grouping, whatever the page's language (core/numbers.py writes them for people).
"""

import csv
import io
from decimal import Decimal

from core.csv_cells import formula_safe_row
from core.numbers import significant

FIELDS = [
    "id",
    "parent_id",
    "level",
    "kind",
    "number",
    "title",
    "description",
    "responsible_groups",
    "period_start",
    "period_end",
    "funding_source",
    "estimated_cost_eur",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_2025",
    "target_2030",
    "values",
    "progress",
    "status",
    "projection_year",
]


def _text(value):
    """Empty for a missing value; decimals without trailing zeros (12.500 → 12.5), the same
    precision as the page shows."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(significant(value), "f")
    return str(value)


def element_record(element):
    """The documented fields of one element, as strings (numbers keep their exact decimals)."""
    data = element.fields
    return {
        "id": element.id,
        "parent_id": element.parent.id if element.parent else "",
        "level": str(element.level),
        "kind": element.kind,
        "number": element.number,
        "title": element.title,
        "description": _text(data.get("description")),
        "responsible_groups": "; ".join(group.title for group in element.groups),
        "period_start": _text(data.get("period_start")),
        "period_end": _text(data.get("period_end")),
        "funding_source": _text(data.get("funding_source")),
        "estimated_cost_eur": _text(data.get("estimated_cost")),
        "unit": _text(data.get("unit")),
        "direction": _text(data.get("direction")),
        "baseline_value": _text(data.get("baseline_value")),
        "baseline_year": _text(data.get("baseline_year")),
        "target_2025": _text(data.get("target_2025")),
        "target_2030": _text(data.get("target_2030")),
        "values": "; ".join(f"{year}={_text(value)}" for year, value in element.values.items()),
        "progress": "" if element.progress is None else f"{element.progress:.4f}",
        "status": element.status,
        "projection_year": _text(element.assessment and element.assessment.projection_year),
    }


def to_csv(elements):
    buffer = io.StringIO()
    # CRLF line ends (RFC 4180): the csv module then quotes a cell holding a carriage return,
    # which a spreadsheet would otherwise take for the start of a new row.
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for element in elements:
        writer.writerow(formula_safe_row(element_record(element)))
    return buffer.getvalue()


def to_json(outline, page):
    """A nested document: the plan's metadata, then its priorities with their children."""

    def node(element):
        record = element_record(element)
        record.pop("parent_id")
        record["values"] = {str(year): _text(value) for year, value in element.values.items()}
        record["children"] = [node(child) for child in element.children]
        return record

    return {
        "plan": page.title,
        "version": page.version_label,
        "stage": page.stage,
        "language": page.locale.language_code,
        "fields": FIELDS,
        "priorities": [node(priority) for priority in outline],
    }


def report_document(report, content):
    """A published monitoring report in one language, exactly as frozen (see
    docs/open-data.md)."""
    return {
        "plan": content["plan"],
        "version": content["version"],
        "language": content["language"],
        "year": report.year,
        "edition": report.edition,
        "published_at": report.published_at.isoformat(),
        "note": report.note,
        "counts": content["counts"],
        "priorities": content["priorities"],
    }


def report_list(page, reports, base_url):
    """The plan's published monitoring reports with their addresses (``base_url``: the
    plan's absolute address)."""

    def address(report, kind=""):
        return base_url + report.path_within(page).lstrip("/") + kind

    return {
        "plan": page.title,
        "language": page.locale.language_code,
        "reports": [
            {
                "year": report.year,
                "edition": report.edition,
                "published_at": report.published_at.isoformat(),
                "note": report.note,
                "html": address(report),
                "pdf": address(report, "pdf/"),
                "json": address(report, "json/"),
            }
            for report in reports
        ],
    }
