"""Indicator values in bulk: read a CSV or XLSX file, check every row against the plan, apply
it in one transaction, undo the last import.

The file has a header row naming its columns (Lithuanian or English, any order): the
indicator's number in the plan (``1.2.1.1.1``) or its id, the year, the value and, optionally,
a note; other columns (the indicator's name in the template) are ignored. CSV is UTF-8 with or
without a BOM, its cells separated by commas or semicolons (Excel in a Lithuanian locale
writes semicolons); a value may have a decimal comma or point and spaces between thousands.
A row with neither year nor value (the template's rows not filled in) is skipped.

Each row is checked (``check_rows``): a known indicator of this plan, a whole year within the
plan's period and not in the future, a number with at most three decimals, the indicator and
year only once in the file; and it is compared with the value recorded: added, changed (from
what to what) or the same. Nothing is written until "apply" (``apply_import``), which writes
every row or none, and refuses when a recorded value changed since the preview. The import
then keeps what it changed, so ``undo_import`` restores exactly the values before it; undo is
refused when any of those values was changed since.
"""

import csv
import io
import re
import zipfile
from datetime import date, time, timedelta
from decimal import Decimal

import openpyxl

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import changes
from core.csv_cells import formula_safe_cell
from core.numbers import as_decimal, format_number
from plans.models import IndicatorImport, IndicatorValue
from plans.tree import plan_period, raw_indicators

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX file is a zip archive: what it unpacks to is limited too (a "zip bomb" is small).
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_COLUMNS = 20
NOTE_MAX_LENGTH = IndicatorValue._meta.get_field("note").max_length
# The value field's size: 14 digits, 3 of them decimals.
MAX_DECIMALS = 3
VALUE_LIMIT = Decimal(10) ** 11
EXTENSIONS = (".csv", ".xlsx")

# Header names (lower case) of the columns read, Lithuanian and English.
COLUMNS = {
    "number": ("rodiklio numeris", "rodiklio nr.", "numeris", "nr.", "nr", "number"),
    "id": ("rodiklio id", "id", "indicator id"),
    "year": ("metai", "year"),
    "value": ("reikšmė", "reiksme", "value"),
    "note": ("pastaba", "note"),
}
TEMPLATE_HEADER = ("Rodiklio numeris", "Rodiklis", "Rodiklio ID", "Metai", "Reikšmė", "Pastaba")
NUMBER_TEXT = re.compile(r"[+-]?\d+([.,]\d+)?")
# Spaces people and spreadsheets put between thousands: plain, no-break, narrow no-break.
THOUSANDS_SPACES = str.maketrans("", "", " \u00a0\u202f")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")


class ImportFileError(Exception):
    """A file that cannot be read as a table of values: its message says why, to the editor."""


class ImportRefused(Exception):
    """An "apply" or an undo that would not be right now: its message says why."""


# --- Reading the file -------------------------------------------------------------------


def read_table(uploaded):
    """``(header, rows)`` of an uploaded file: the header's cells and ``(line, cells)`` of every
    row below it. Raises ``ImportFileError`` with a message for the editor."""
    name = (uploaded.name or "").lower()
    if not name.endswith(EXTENSIONS):
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if uploaded.size > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB: split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    data = uploaded.read(MAX_FILE_BYTES + 1)
    reader = read_csv(data) if name.endswith(".csv") else read_xlsx(data)
    rows = []
    for line, cells in reader:
        if any(cell not in (None, "") for cell in cells):
            rows.append((line, cells))
            if len(rows) > MAX_ROWS + 1:  # the header and the rows allowed
                reader.close()
                raise ImportFileError(
                    _("The file has more than %(count)s rows: split it into smaller files.")
                    % {"count": MAX_ROWS}
                )
    if not rows:
        raise ImportFileError(_("The file is empty."))
    (_line, header), *body = rows
    return header, body


def read_csv(data):
    """``(line, cells)`` of each of a CSV file's rows (UTF-8, with or without a BOM; commas,
    semicolons or tabs between cells, told from the first line)."""
    if b"\x00" in data:
        raise ImportFileError(_("This is not a CSV text file (it holds binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text. In Excel choose “Save as” → “CSV UTF-8”, or upload "
                "the .xlsx file."
            )
        ) from error
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = next((d for d in (";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, [cell.strip() for cell in cells[:MAX_COLUMNS]]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is damaged near line %(line)s.") % {"line": reader.line_num}
        ) from error


def read_xlsx(data):
    """``(line, cells)`` of each of the first sheet's rows of an XLSX workbook. A cell that holds a
    formula is refused (its result may not be stored in the file)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("This is not an Excel (.xlsx) workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("This is not an Excel (.xlsx) workbook.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The workbook is too large: split it into smaller files."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFileError(
            _("The workbook cannot be read. Save it again in Excel as .xlsx, or upload a CSV file.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            cells = []
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    raise ImportFileError(
                        _(
                            "Cell %(cell)s holds a formula. Copy the sheet and paste it as "
                            "values, then upload it again."
                        )
                        % {"cell": cell.coordinate}
                    )
                value = cell.value
                cells.append(value.strip() if isinstance(value, str) else value)
            yield line, cells
    except ImportFileError:
        raise
    except Exception as error:  # a damaged sheet inside a readable archive
        raise ImportFileError(
            _("The workbook cannot be read. Save it again in Excel as .xlsx, or upload a CSV file.")
        ) from error
    finally:
        workbook.close()


def column_positions(header):
    """Which cell of a row holds what, from the header row's names."""
    names = [str(cell or "").strip().lower() for cell in header]
    positions = {}
    for key, aliases in COLUMNS.items():
        for position, name in enumerate(names):
            if name in aliases:
                positions[key] = position
                break
    if not {"year", "value"} <= positions.keys() or not {"number", "id"} & positions.keys():
        raise ImportFileError(
            _(
                "The first row must name the columns: “Rodiklio numeris” (or “Rodiklio ID”), "
                "“Metai”, “Reikšmė” and, if you wish, “Pastaba”. Download the template to see "
                "the layout."
            )
        )
    return positions


# --- Checking the rows ------------------------------------------------------------------


def cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


def parse_year(cell):
    """The year in a cell (2024, "2024", 2024.0), or ``None`` when it is not a whole number."""
    if isinstance(cell, bool | date | time):
        return None
    try:
        number = as_decimal(cell if isinstance(cell, int | float | Decimal) else cell_text(cell))
    except ValueError:
        return None
    return int(number) if number == number.to_integral_value() else None


def parse_value(cell):
    """``(value, error code)``: the number in a cell as a Decimal (a decimal comma or point,
    spaces between thousands), or ``None`` and why not."""
    if isinstance(cell, bool | date | time):
        return None, "not_a_number"
    if isinstance(cell, int | float | Decimal):
        try:
            number = as_decimal(cell)
        except ValueError:
            return None, "not_a_number"
    else:
        text = cell_text(cell).translate(THOUSANDS_SPACES)
        if not NUMBER_TEXT.fullmatch(text):
            return None, "not_a_number"
        number = Decimal(text.replace(",", "."))
    if abs(number) >= VALUE_LIMIT:
        return None, "too_large"
    if number != round(number, MAX_DECIMALS):
        return None, "too_many_decimals"
    return number, None


def stored(number):
    """A value as the database keeps it (three decimals), as text for the JSON of an import."""
    return str(Decimal(number).quantize(Decimal("0.001")))


def check_rows(plan, header, body, today=None):
    """Every row read, checked against ``plan`` and compared with the values recorded.

    Each row is a dict (what the preview shows and "apply" writes): its ``line`` in the file,
    the indicator's ``number``, ``indicator_id`` and ``name``, the ``year``, the ``value`` and
    ``note`` as text, ``errors`` (codes with their details, see ``error_message``), and for a
    valid row its ``action`` ("add", "change" or "same") with the ``old_value`` and
    ``old_note`` recorded.
    """
    positions = column_positions(header)
    today = today or timezone.localdate()
    raw_tree = plan.plan_tree.raw_data
    by_number, by_id = {}, {}
    for number, indicator_id, name, _baseline in raw_indicators(raw_tree):
        by_number[number] = by_id[indicator_id] = (number, indicator_id, name)
    first_year, last_year = plan_period(raw_tree)

    def cell(cells, key):
        position = positions.get(key)
        return cells[position] if position is not None and position < len(cells) else None

    rows, seen = [], {}
    for line, cells in body:
        number_text = cell_text(cell(cells, "number"))
        id_text = cell_text(cell(cells, "id")).lower()
        year_cell, value_cell = cell(cells, "year"), cell(cells, "value")
        if cell_text(year_cell) == "" and cell_text(value_cell) == "":
            continue
        note = CONTROL_CHARACTERS.sub(" ", cell_text(cell(cells, "note"))).strip()
        row = {
            "line": line,
            "number": number_text,
            "indicator_id": None,
            "name": "",
            "year": None,
            "year_text": cell_text(year_cell),
            "value": None,
            "value_text": cell_text(value_cell),
            "note": note,
            "errors": [],
            "action": None,
            "old_value": None,
            "old_note": None,
        }
        errors = row["errors"]
        found_by_number = by_number.get(number_text) if number_text else None
        found_by_id = by_id.get(id_text) if id_text else None
        if number_text and not found_by_number:
            errors.append({"code": "unknown_number", "number": number_text})
        if id_text and not found_by_id:
            errors.append({"code": "unknown_id", "id": id_text})
        if not number_text and not id_text:
            errors.append({"code": "no_indicator"})
        if found_by_number and found_by_id and found_by_number != found_by_id:
            errors.append(
                {"code": "number_id_differ", "number": number_text, "other": found_by_id[0]}
            )
        indicator = found_by_id or found_by_number
        if indicator:
            row["number"], row["indicator_id"], row["name"] = indicator

        year = parse_year(year_cell)
        if year is None:
            errors.append({"code": "bad_year"})
        elif not first_year <= year <= last_year:
            errors.append({"code": "year_outside", "first": first_year, "last": last_year})
        elif year > today.year:
            errors.append({"code": "future_year"})
        else:
            row["year"] = year

        value, value_error = parse_value(value_cell)
        if value_error:
            errors.append({"code": value_error})
        else:
            row["value"] = stored(value)
        if len(note) > NOTE_MAX_LENGTH:
            errors.append({"code": "note_too_long", "limit": NOTE_MAX_LENGTH})

        if row["indicator_id"] and row["year"]:
            key = (row["indicator_id"], row["year"])
            if key in seen:
                errors.append({"code": "duplicate", "line": seen[key]})
            else:
                seen[key] = line
        rows.append(row)
    compare_with_recorded(rows)
    return rows


def recorded_values(rows):
    """``{(indicator id, year): IndicatorValue}`` of the values recorded for ``rows``."""
    ids = {row["indicator_id"] for row in rows if row["indicator_id"]}
    years = {row["year"] for row in rows if row["year"]}
    return {
        (str(value.indicator_id), value.year): value
        for value in IndicatorValue.objects.filter(indicator_id__in=ids, year__in=years)
    }


def compare_with_recorded(rows):
    """Mark each valid row "add", "change" or "same", with the value and note recorded."""
    recorded = recorded_values(rows)
    for row in rows:
        if row["errors"]:
            continue
        current = recorded.get((row["indicator_id"], row["year"]))
        if current is None:
            row["action"] = "add"
            continue
        row["old_value"], row["old_note"] = stored(current.value), current.note
        new_note = row["note"] or current.note
        same = Decimal(row["value"]) == current.value and new_note == current.note
        row["action"] = "same" if same else "change"


def read_upload(plan, uploaded, user):
    """Read and check an uploaded file and keep it, unapplied, for its preview."""
    header, body = read_table(uploaded)
    rows = check_rows(plan, header, body)
    filled = len(rows)
    # Previews never applied are not kept for long: an editor's older ones go.
    IndicatorImport.objects.filter(
        plan=plan,
        user=user,
        status=IndicatorImport.Status.PREVIEW,
        created_at__lt=timezone.now() - timedelta(days=1),
    ).delete()
    return IndicatorImport.objects.create(
        plan=plan,
        user=user,
        file_name=(uploaded.name or "")[-255:],
        rows=rows,
        skipped_rows=len(body) - filled,
    )


def error_message(error):
    """What an error code of a row says to the editor."""
    code = error["code"]
    if code == "unknown_number":
        return _("This plan has no indicator number %(number)s.") % error
    if code == "unknown_id":
        return _("This plan has no indicator with the id %(id)s.") % error
    if code == "no_indicator":
        return _("The indicator's number or id is missing.")
    if code == "number_id_differ":
        return (
            _("Number %(number)s and the id name different indicators (the id is %(other)s's).")
            % error
        )
    if code == "bad_year":
        return _("The year is not a whole number.")
    if code == "year_outside":
        return _("The year is outside the plan's period (%(first)s–%(last)s).") % error
    if code == "future_year":
        return _("The year has not come yet.")
    if code == "not_a_number":
        return _("The value is not a number.")
    if code == "too_large":
        return _("The value is too large.")
    if code == "too_many_decimals":
        return ngettext(
            "The value has more than %(count)s decimal.",
            "The value has more than %(count)s decimals.",
            MAX_DECIMALS,
        ) % {"count": MAX_DECIMALS}
    if code == "note_too_long":
        return _("The note is longer than %(limit)s characters.") % error
    if code == "duplicate":
        return _("The same indicator and year are already in row %(line)s.") % error
    return code


# --- Applying and undoing ---------------------------------------------------------------


def values_changed(plan):
    """What recorded values make stale, once the transaction that changed them commits."""

    def purge():
        changes.chrome_changed()
        changes.pages_changed([plan])

    transaction.on_commit(purge)


def apply_import(record):
    """Write every row of a checked import, or none: refused when a row has an error, or when
    a value recorded for one of its rows changed since the preview (the file must then be
    uploaded again). Returns the import, applied, with what it changed."""
    with transaction.atomic():
        record = IndicatorImport.objects.select_for_update().get(pk=record.pk)
        if record.status != IndicatorImport.Status.PREVIEW:
            raise ImportRefused(_("This file has already been applied."))
        if record.has_errors:
            raise ImportRefused(_("Correct the rows with errors and upload the file again."))
        rows = [row for row in record.rows if row["action"] in ("add", "change")]
        recorded = {
            (str(value.indicator_id), value.year): value
            for value in IndicatorValue.objects.select_for_update().filter(
                indicator_id__in={row["indicator_id"] for row in rows},
                year__in={row["year"] for row in rows},
            )
        }
        done, added = [], []
        for row in rows:
            current = recorded.get((row["indicator_id"], row["year"]))
            now_value = stored(current.value) if current else None
            if now_value != row["old_value"] or (current and current.note != row["old_note"]):
                raise ImportRefused(
                    _(
                        "The value of row %(line)s (indicator %(number)s, %(year)s) was changed "
                        "after the preview. Upload the file again to see the changes."
                    )
                    % row
                )
            note = row["note"] or (current.note if current else "")
            if current is None:
                added.append(
                    IndicatorValue(
                        plan=record.plan,
                        indicator_id=row["indicator_id"],
                        year=row["year"],
                        value=Decimal(row["value"]),
                        note=note,
                    )
                )
            else:
                IndicatorValue.objects.filter(pk=current.pk).update(
                    value=Decimal(row["value"]), note=note
                )
            done.append(
                {
                    "number": row["number"],
                    "name": row["name"],
                    "indicator_id": row["indicator_id"],
                    "year": row["year"],
                    "action": row["action"],
                    "old_value": row["old_value"],
                    "old_note": row["old_note"],
                    "value": row["value"],
                    "note": note,
                }
            )
        IndicatorValue.objects.bulk_create(added)
        record.status = IndicatorImport.Status.APPLIED
        record.applied_at = timezone.now()
        record.changes = done
        record.save(update_fields=["status", "applied_at", "changes"])
        if done:
            values_changed(record.plan)
    return record


def last_applied(plan):
    """The plan's latest import still applied: the one that can be undone."""
    return (
        IndicatorImport.objects.filter(plan=plan, status=IndicatorImport.Status.APPLIED)
        .order_by("-applied_at", "-pk")
        .first()
    )


def undo_import(record, user):
    """Restore the values an import replaced and delete those it added, all or none.

    Only the plan's last applied import is undone, and only while every value it wrote is as
    it left it: a value changed since (in the admin, by a later import) refuses the undo.
    """
    with transaction.atomic():
        record = IndicatorImport.objects.select_for_update().get(pk=record.pk)
        latest = last_applied(record.plan)
        if record.status != IndicatorImport.Status.APPLIED or latest != record:
            raise ImportRefused(_("Only the last import applied to this plan can be undone."))
        recorded = {
            (str(value.indicator_id), value.year): value
            for value in IndicatorValue.objects.select_for_update().filter(
                indicator_id__in={change["indicator_id"] for change in record.changes},
                year__in={change["year"] for change in record.changes},
            )
        }
        changed_since = []
        for change in record.changes:
            current = recorded.get((change["indicator_id"], change["year"]))
            if (
                current is None
                or stored(current.value) != change["value"]
                or current.note != change["note"]
            ):
                changed_since.append(change)
        if changed_since:
            raise ImportRefused(
                ngettext(
                    "This import cannot be undone: %(count)s value it wrote was changed since "
                    "(%(values)s). Correct it by hand or with a new import.",
                    "This import cannot be undone: %(count)s values it wrote were changed since "
                    "(%(values)s). Correct them by hand or with a new import.",
                    len(changed_since),
                )
                % {
                    "count": len(changed_since),
                    "values": ", ".join(
                        f"{change['number']} {change['year']}" for change in changed_since[:10]
                    ),
                }
            )
        for change in record.changes:
            current = recorded[(change["indicator_id"], change["year"])]
            if change["action"] == "add":
                IndicatorValue.objects.filter(pk=current.pk).delete()
            else:
                IndicatorValue.objects.filter(pk=current.pk).update(
                    value=Decimal(change["old_value"]), note=change["old_note"]
                )
        record.status = IndicatorImport.Status.UNDONE
        record.undone_at = timezone.now()
        record.undone_by = user
        record.save(update_fields=["status", "undone_at", "undone_by"])
        if record.changes:
            values_changed(record.plan)
    return record


# --- The template -----------------------------------------------------------------------


def template_rows(plan):
    """The template's rows: one per indicator of the plan, year and value to fill in."""
    return [
        (number, name, indicator_id, "", "", "")
        for number, indicator_id, name, _baseline in raw_indicators(plan.plan_tree.raw_data)
    ]


def template_csv(plan):
    """The template as CSV the way Excel in a Lithuanian locale reads it: UTF-8 with a BOM,
    semicolons between cells; names that look like formulas stay text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    for row in template_rows(plan):
        writer.writerow([formula_safe_cell(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def template_xlsx(plan):
    """The template as an Excel workbook: every cell text, so numbers such as 1.1 are never
    read as dates or decimals."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Reikšmės"
    sheet.append(TEMPLATE_HEADER)
    for row in template_rows(plan):
        sheet.append(row)
        for cell in sheet[sheet.max_row][:3]:
            cell.data_type = "s"
    for letter, width in zip("ABCDEF", (16, 60, 38, 8, 12, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def value_text(value):
    """A stored value (text of an import's JSON) as the site prints it."""
    return format_number(Decimal(value)) if value is not None else ""
