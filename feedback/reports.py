"""The council's consultation report: every published comment on one version of a page,
grouped by the part of the page it is about, with who it speaks for, what became of it and
why, and the version that carries the change — as PDF, DOCX and CSV.

A report is frozen once made (``make_report``): its three files are stored as documents
with their SHA-256, and making it again for the same version returns the stored one, so the
public can check that the council got the same files. Only published comments of the
public count (no official answers), with the names the public sees and no e-mail address.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from core import chrome, pdf
from core.csv_cells import formula_safe_row
from core.pdf import BOLD_FONT, FONT, register_fonts
from core.versions import published_revisions
from feedback import conf
from feedback.forms import version_label
from feedback.models import (
    ConsultationReport,
    ConsultationReportFile,
    ContributorType,
    PublicComment,
)
from feedback.moderation import pages_changed

# Debian's fonts-dejavu-core: a font with every Lithuanian letter (ą č ę ė į š ų ū ž).


@dataclass
class ReportRow:
    """One comment as the report lists it."""

    number: int
    comment: PublicComment
    group: str
    contributor: str
    outcome: str
    reason: str
    landed_in: str
    link: str

    @property
    def date(self):
        return date_format(timezone.localtime(self.comment.submit_date), "DATE_FORMAT")


@dataclass
class ReportGroup:
    """The comments on one part of the page (the whole page, or one section)."""

    title: str
    rows: list = field(default_factory=list)


@dataclass
class ReportData:
    """What every format of the report shows, read once (in the page's language)."""

    title: str
    page_title: str
    version: str
    window: str
    made_on: str
    groups: list
    counts: list

    @property
    def rows(self):
        return [row for group in self.groups for row in group.rows]


def report_comments(page, revision):
    """The published comments of the public on ``revision`` of ``page``, oldest first."""
    return (
        PublicComment.objects.published()
        .filter(
            content_type_id=page.content_type_id,
            object_pk=str(page.pk),
            revision=revision,
            is_official=False,
        )
        .select_related("disposition", "disposition__landed_in")
        .order_by("submit_date", "pk")
    )


def collect(page, revision, now=None):
    """The report's content: groups in the order of the version's sections."""
    version_page = revision.as_object()
    sections = {section.id: section for section in version_page.comment_sections()}
    published = {version.pk: version for version in published_revisions(page)}
    groups = {"": ReportGroup(_("The whole draft"))}
    for section in sections.values():
        groups[section.id] = ReportGroup(f"{section.number}. {section.title}")
    contributors = dict(ContributorType.choices)
    not_given = pgettext("contributor type", "Not given")
    base = conf.site_url()
    rows = []
    for comment in report_comments(page, revision):
        key = comment.section_id if comment.section_id in sections else ""
        if comment.section_id and key == "":
            key = f"removed:{comment.section_id}"
            groups.setdefault(key, ReportGroup(comment.section_title or comment.section_id))
        disposition = getattr(comment, "disposition", None)
        landed = disposition.landed_in if disposition else None
        if landed is not None:
            landed = published.get(landed.pk, landed)
        row = ReportRow(
            number=0,
            comment=comment,
            group=groups[key].title,
            contributor=contributors.get(comment.contributor_type, not_given),
            outcome=disposition.get_outcome_display() if disposition else _("Not decided yet"),
            reason=disposition.reason if disposition else "",
            landed_in=version_label(landed) if landed is not None else "",
            link=base + comment.get_absolute_url(),
        )
        groups[key].rows.append(row)
        rows.append(row)
    ordered = [group for group in groups.values() if group.rows]
    for number, row in enumerate((row for group in ordered for row in group.rows), start=1):
        row.number = number
    opens, closes = page.comment_window()
    window = ""
    if opens and closes:
        window = _("Public consultation: %(opens)s – %(closes)s") % {
            "opens": date_format(timezone.localtime(opens), "DATE_FORMAT"),
            "closes": date_format(timezone.localtime(closes), "DATE_FORMAT"),
        }
    counts = [(_("Comments"), len(rows))]
    for value, label in [*ContributorType.choices, ("", not_given)]:
        number = sum(1 for row in rows if row.comment.contributor_type == value)
        if number:
            counts.append((label, number))
    return ReportData(
        title=_("Public consultation report"),
        page_title=page.title,
        version=version_label(published.get(revision.pk, revision)),
        window=window,
        made_on=date_format(timezone.localtime(now or timezone.now()), "DATE_FORMAT"),
        groups=ordered,
        counts=counts,
    )


def columns():
    return [
        _("No."),
        pgettext("part of a plan draft", "Section"),
        _("Comment"),
        pgettext("comment author", "Name"),
        _("Comments as"),
        _("Date"),
        _("You said"),
        _("Outcome"),
        _("Reason"),
        _("Version where the change landed"),
        _("Link"),
    ]


def table_headers():
    """The columns of the documents' tables (the CSV has every field in its own column)."""
    return [_("No."), _("Comment"), _("Outcome"), _("Reason"), _("Version where the change landed")]


def to_csv(data):
    """One row per comment, formula-safe, with a BOM so that spreadsheets read UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(columns())
    for row in data.rows:
        comment = row.comment
        writer.writerow(
            formula_safe_row(
                [
                    row.number,
                    row.group,
                    comment.pk,
                    comment.author_name,
                    row.contributor,
                    timezone.localtime(comment.submit_date).date().isoformat(),
                    comment.comment,
                    row.outcome,
                    row.reason,
                    row.landed_in,
                    row.link,
                ]
            )
        )
    return buffer.getvalue().encode("utf-8")


def to_docx(data):
    """A Word document: the summary, then a table per section, one row per comment."""
    document = Document()
    document.core_properties.title = f"{data.title}: {data.page_title}"
    document.core_properties.language = translation.get_language()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9)
    document.add_heading(data.title, level=0)
    document.add_paragraph(data.page_title).runs[0].bold = True
    for line in (data.version, data.window, _("Made on %(date)s") % {"date": data.made_on}):
        if line:
            document.add_paragraph(line)
    document.add_paragraph("; ".join(f"{label}: {number}" for label, number in data.counts))
    headers = table_headers()
    for group in data.groups:
        document.add_heading(group.title, level=1)
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in group.rows:
            cells = table.add_row().cells
            cells[0].text = str(row.number)
            author = (
                cells[1]
                .paragraphs[0]
                .add_run(f"{row.comment.author_name} ({row.contributor}), {row.date}")
            )
            author.bold = True
            cells[1].add_paragraph(row.comment.comment)
            cells[2].text = row.outcome
            cells[3].text = row.reason
            cells[4].text = row.landed_in
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(data):
    """An A4 PDF: the summary, then a table per section, one row per comment."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    heading = ParagraphStyle("heading", parent=body, fontName=BOLD_FONT, fontSize=12, leading=15)
    title = ParagraphStyle("title", parent=body, fontName=BOLD_FONT, fontSize=16, leading=20)

    def text(value, style=body):
        # Paragraph reads markup: the users' text is escaped, its line breaks kept.
        return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{data.title}: {data.page_title}",
        lang=translation.get_language(),
    )
    story = [text(data.title, title), Spacer(0, 2 * mm), text(data.page_title, heading)]
    for line in (data.version, data.window, _("Made on %(date)s") % {"date": data.made_on}):
        if line:
            story.append(text(line))
    story.append(text("; ".join(f"{label}: {number}" for label, number in data.counts)))
    widths = [10 * mm, 78 * mm, 24 * mm, 46 * mm, 22 * mm]
    headers = table_headers()
    for group in data.groups:
        story += [Spacer(0, 5 * mm), text(group.title, heading), Spacer(0, 2 * mm)]
        cells = [[text(header, small) for header in headers]]
        for row in group.rows:
            author = escape(f"{row.comment.author_name} ({row.contributor}), {row.date}")
            said = escape(row.comment.comment).replace("\n", "<br/>")
            cells.append(
                [
                    text(row.number),
                    Paragraph(f"<b>{author}</b><br/>{said}", body),
                    text(row.outcome),
                    text(row.reason),
                    text(row.landed_in, small),
                ]
            )
        story.append(pdf.table(cells, widths))
    document.build(story)
    return buffer.getvalue()


WRITERS = {
    ConsultationReportFile.Format.PDF: to_pdf,
    ConsultationReportFile.Format.DOCX: to_docx,
    ConsultationReportFile.Format.CSV: to_csv,
}


def is_public(page):
    """Anyone may see the page: then its report's files are public too."""
    return page.live and not page.get_view_restrictions().exists()


def reports_collection():
    """The collection of the reports (public: no view restriction), made when first needed."""
    root = Collection.get_first_root_node()
    name = _("Consultation reports")
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def make_report(page, revision, user=None):
    """``(report, made)``: the stored report of ``revision``, or a new one made and stored."""
    with transaction.atomic():
        # One report per version, even when two people make it at once.
        list(Page.objects.select_for_update().filter(pk=page.pk).values("pk"))
        report = ConsultationReport.objects.filter(revision=revision).first()
        if report is not None:
            return report, False
        with translation.override(page.locale.language_code):
            data = collect(page, revision)
            report = ConsultationReport.objects.create(
                page=page,
                revision=revision,
                version=data.version,
                comment_count=len(data.rows),
                created_by=user,
            )
            collection = reports_collection()
            public = is_public(page)
            file_name = pgettext("file name", "consultation-report")
            for report_format, write in WRITERS.items():
                content = write(data)
                document = get_document_model()(
                    title=f"{data.title}: {page.title} ({data.version}, {report_format.label})",
                    file=ContentFile(
                        content, name=f"{page.slug}-{file_name}-{revision.pk}.{report_format}"
                    ),
                    collection=collection,
                    kind="report",
                    document_date=timezone.localdate(),
                    marked_public=public,
                    uploaded_by_user=user,
                )
                document.save()
                ConsultationReportFile.objects.create(
                    report=report,
                    format=report_format,
                    document=document,
                    sha256=hashlib.sha256(content).hexdigest(),
                )
    # Its documents moved the chrome's generation before the report's files were committed:
    # move it again, so that no copy of the page's reports read in between is kept.
    chrome.bump()
    pages_changed([page])
    return report, True


def publish_reports(page):
    """A page made public: its reports' files become public too (they go with the draft)."""
    documents = get_document_model().objects.filter(
        pk__in=ConsultationReportFile.objects.filter(report__page=page).values("document"),
        marked_public=False,
    )
    if not documents.exists() or not is_public(page):
        return
    for document in documents:
        document.marked_public = True
        document.save(update_fields=["marked_public"])
