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
    "responsible_unit",
    "responsible_unit_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_2025",
    "target_2030",
    "data_source",
    "data_source_table",
    "data_source_url",
    "periodicity",
    "publication_lag_months",
    "definition",
    "formula",
    "methodology_version",
    "values",
    "methodology_versions",
    "series_breaks",
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


def element_record(element, contacts_public=False):
    """The documented fields of one element, as strings (numbers keep their exact decimals);
    the contact person only when the site settings make contacts public."""
    data = element.fields
    owner, unit = element.owner, element.responsible
    contact = owner if owner is not None and contacts_public else None
    passport = owner if element.kind == "indicator" else None
    current = passport.versions[-1] if passport is not None and passport.versions else None
    if unit is None:
        unit_name, unit_type = "", ""
    elif owner.working_group_id:
        unit_name, unit_type = unit.title, "working_group"
    else:
        unit_name, unit_type = unit.localized_name, "department"
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
        "responsible_unit": unit_name,
        "responsible_unit_type": unit_type,
        "contact_name": contact.contact_name if contact else "",
        "contact_email": contact.contact_email if contact else "",
        "contact_phone": contact.contact_phone if contact else "",
        "unit": _text(data.get("unit")),
        "direction": _text(data.get("direction")),
        "baseline_value": _text(data.get("baseline_value")),
        "baseline_year": _text(data.get("baseline_year")),
        "target_2025": _text(data.get("target_2025")),
        "target_2030": _text(data.get("target_2030")),
        "data_source": passport.localized_source_name if passport else "",
        "data_source_table": passport.source_table if passport else "",
        "data_source_url": passport.source_url if passport else "",
        "periodicity": passport.periodicity if passport else "",
        "publication_lag_months": _text(passport.publication_lag_months) if passport else "",
        "definition": passport.localized_definition if passport else "",
        "formula": passport.localized_formula if passport else "",
        "methodology_version": current.version if current else "",
        "values": "; ".join(f"{year}={_text(value)}" for year, value in element.values.items()),
        "methodology_versions": "; ".join(
            f"{year}={method.version}" for year, method in element.methods.items() if method
        ),
        "series_breaks": "; ".join(str(year) for year in element.breaks),
        "progress": "" if element.progress is None else f"{element.progress:.4f}",
        "status": element.status,
        "projection_year": _text(element.assessment and element.assessment.projection_year),
    }


def to_csv(elements, contacts_public=False):
    buffer = io.StringIO()
    # CRLF line ends (RFC 4180): the csv module then quotes a cell holding a carriage return,
    # which a spreadsheet would otherwise take for the start of a new row.
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for element in elements:
        writer.writerow(formula_safe_row(element_record(element, contacts_public)))
    return buffer.getvalue()


def to_json(outline, page, contacts_public=False):
    """A nested document: the plan's metadata, then its priorities with their children; an
    indicator's method versions and breaks keyed by year, and its whole methodology log."""

    def node(element):
        record = element_record(element, contacts_public)
        record.pop("parent_id")
        record["values"] = {str(year): _text(value) for year, value in element.values.items()}
        record["methodology_versions"] = {
            str(year): method.version for year, method in element.methods.items() if method
        }
        record["series_breaks"] = [str(year) for year in element.breaks]
        if element.kind == "indicator":
            record["methodology_log"] = [
                {
                    "version": entry.version,
                    "valid_from_year": str(entry.valid_from_year),
                    "change": entry.localized_change,
                    "date": entry.date.isoformat(),
                }
                for entry in (element.owner.versions if element.owner else [])
            ]
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
