"""Plain text of uploaded documents, for search.

PDF through pypdf; DOCX (Office Open XML) and ODT (OpenDocument) are zip files of XML, read
with the standard library; TXT and CSV as UTF-8. Other formats (spreadsheets) give no text.
A file that cannot be read gives no text and a logged warning: an upload never fails here.
"""

import logging
import re
import zipfile
from xml.etree import ElementTree

logger = logging.getLogger(__name__)

# Enough for any plan document; it keeps one search document well under the search
# server's request limits.
MAX_TEXT_LENGTH = 500_000
# A zip "document" whose XML part unpacks to more than this is not read (zip bombs).
MAX_XML_BYTES = 50 * 1024 * 1024

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def extract_text(fileobj, extension):
    """The text of ``fileobj`` (a binary file object) of type ``extension`` ("pdf", ...)."""
    reader = READERS.get((extension or "").lower().lstrip("."))
    if reader is None:
        return ""
    try:
        text = reader(fileobj)
    except Exception as error:  # a damaged or unusual file: keep the upload, skip its text
        logger.warning("Could not read the text of a .%s file: %r", extension, error)
        return ""
    return normalise(text)[:MAX_TEXT_LENGTH]


def normalise(text):
    """Collapse runs of spaces, keep paragraph breaks, drop control characters."""
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _pdf_text(fileobj):
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    pages = []
    length = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        pages.append(page_text)
        length += len(page_text)
        if length > MAX_TEXT_LENGTH:
            break
    return "\n\n".join(pages)


def _zip_xml(fileobj, member):
    with zipfile.ZipFile(fileobj) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            raise ValueError(f"{member} is too large ({info.file_size} bytes)")
        return ElementTree.fromstring(archive.read(member))  # noqa: S314 (no DTDs: see below)


def _docx_text(fileobj):
    # Python's ElementTree does not fetch external entities or DTDs, so a crafted file cannot
    # make it read other files; entity expansion is bounded by the size check above.
    root = _zip_xml(fileobj, "word/document.xml")
    paragraphs = []
    for paragraph in root.iter(f"{W_NS}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W_NS}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{W_NS}tab":
                parts.append("\t")
            elif node.tag in (f"{W_NS}br", f"{W_NS}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _odf_paragraph(element):
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT_NS}s":
            parts.append(" " * int(child.get(f"{TEXT_NS}c", "1")))
        elif child.tag == f"{TEXT_NS}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT_NS}line-break":
            parts.append("\n")
        elif child.tag not in (f"{TEXT_NS}p", f"{TEXT_NS}h"):  # nested ones come on their own
            parts.append(_odf_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_text(fileobj):
    root = _zip_xml(fileobj, "content.xml")
    return "\n".join(
        _odf_paragraph(node) for node in root.iter() if node.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h")
    )


def _plain_text(fileobj):
    return fileobj.read(MAX_TEXT_LENGTH * 4).decode("utf-8", errors="replace")


READERS = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "odt": _odt_text,
    "txt": _plain_text,
    "csv": _plain_text,
}
