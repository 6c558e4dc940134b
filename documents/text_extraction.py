"""Plain text of uploaded documents, for search.

PDF through pypdf; DOCX (Office Open XML) and ODT (OpenDocument) are zip files of XML, read
with the standard library; TXT and CSV as UTF-8. Other formats (spreadsheets) give no text.
A file that cannot be read gives no text and a logged warning: an upload never fails here.

Uploads are untrusted, and a few hundred bytes can ask for gigabytes (a zip bomb, an ODT
`<text:s text:c="200000000"/>`, a PDF page tree listing one page a million times). So every
reader spends a budget of characters (the DOCUMENT_TEXT_MAX_LENGTH setting) as it goes and
stops when it is spent; XML is parsed as a stream, never kept as a tree, and never with a
DTD; a zip member that declares more than MAX_XML_BYTES is not read (zipfile never unpacks
more than a member declares); a PDF is read within pypdf's limits, tightened below, and at
most MAX_PDF_PAGES pages. Memory and time are so bounded by these numbers, whatever the
file. A text cut short is logged, and the document is stored with the text read so far.
"""

import logging
import re
import zipfile
from xml.parsers import expat

from django.conf import settings

logger = logging.getLogger(__name__)

# Characters of text kept per document, unless DOCUMENT_TEXT_MAX_LENGTH says otherwise.
# Enough for any plan document; it keeps one search document well under the search
# server's request limits.
MAX_TEXT_LENGTH = 500_000
# A zip "document" whose XML part declares more than this is not read (zip bombs).
MAX_XML_BYTES = 50 * 1024 * 1024
XML_CHUNK_BYTES = 64 * 1024
MAX_PDF_PAGES = 1000
# pypdf's own limits, tightened: a page tree of at most this many entries, and streams of at
# most this many bytes once decoded (pypdf allows 75 MB per stream).
PDF_LIMITS = {
    "page_tree_maximum_entries": 20_000,
    "maximum_declared_stream_length": 16 * 1024 * 1024,
    "zlib_maximum_output_length": 16 * 1024 * 1024,
    "lzw_maximum_output_length": 16 * 1024 * 1024,
    "run_length_maximum_output_length": 16 * 1024 * 1024,
    "array_based_stream_maximum_output_length": 16 * 1024 * 1024,
}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def max_text_length():
    return getattr(settings, "DOCUMENT_TEXT_MAX_LENGTH", MAX_TEXT_LENGTH)


class TextFull(Exception):
    """The budget of characters is spent: the rest of the file is not read."""


class Text:
    """The text read so far, refusing more than ``limit`` characters."""

    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.length = 0

    def add(self, text):
        room = self.limit - self.length
        if len(text) > room:
            self.parts.append(text[:room])
            self.length = self.limit
            raise TextFull
        self.parts.append(text)
        self.length += len(text)

    def value(self):
        return "".join(self.parts)


def extract_text(fileobj, extension):
    """The text of ``fileobj`` (a binary file object) of type ``extension`` ("pdf", ...)."""
    extension = (extension or "").lower().lstrip(".")
    reader = READERS.get(extension)
    if reader is None:
        return ""
    limit = max_text_length()
    # Room for the spaces and line breaks that normalise() collapses.
    text = Text(2 * limit)
    full = False
    try:
        reader(fileobj, text)
    except TextFull:
        full = True
    except Exception as error:  # a damaged or unusual file: keep the upload, skip its text
        logger.warning("Could not read the text of a .%s file: %r", extension, error)
        return ""
    normalised = normalise(text.value())
    if full or len(normalised) > limit:
        logger.info("The text of a .%s file was cut at %d characters", extension, limit)
    return normalised[:limit]


def normalise(text):
    """Collapse runs of spaces, keep paragraph breaks, drop control characters."""
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- PDF -------------------------------------------------------------------------------------


def _pdf_text(fileobj, text):
    from pypdf import PdfReader, apply_configuration

    with apply_configuration(**PDF_LIMITS):
        reader = PdfReader(fileobj)
        for number, page in enumerate(reader.pages):
            if number == MAX_PDF_PAGES:
                raise TextFull
            text.add(page.extract_text() or "")
            text.add("\n\n")


# --- DOCX and ODT: XML in a zip file ---------------------------------------------------------


class DTDRefused(Exception):
    """Office documents have no DTD; one that does is not read (entity expansion)."""


def _refuse_dtd(*args):
    raise DTDRefused("the XML has a DTD")


def _parse_zipped_xml(fileobj, member, start, end, characters):
    """Stream ``member`` of the zip file through expat with the handlers given; element
    names come as "namespace-uri local-name"."""
    with zipfile.ZipFile(fileobj) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            raise ValueError(f"{member} is too large ({info.file_size} bytes)")
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = characters
        parser.buffer_text = True
        with archive.open(info) as stream:
            while chunk := stream.read(XML_CHUNK_BYTES):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _docx_text(fileobj, text):
    text_tag, paragraph_tag = f"{W_NS} t", f"{W_NS} p"
    breaks = {f"{W_NS} tab": "\t", f"{W_NS} br": "\n", f"{W_NS} cr": "\n"}
    inside_text = 0

    def start(name, attributes):
        nonlocal inside_text
        if name == text_tag:
            inside_text += 1
        elif name in breaks:
            text.add(breaks[name])

    def end(name):
        nonlocal inside_text
        if name == text_tag:
            inside_text -= 1
        elif name == paragraph_tag:
            text.add("\n")

    def characters(data):
        if inside_text:
            text.add(data)

    _parse_zipped_xml(fileobj, "word/document.xml", start, end, characters)


def _odt_text(fileobj, text):
    paragraph_tags = {f"{TEXT_NS} p", f"{TEXT_NS} h"}
    # A run of spaces (`text:s`, whatever its count) becomes one space, as normalise()
    # would make it anyway.
    breaks = {f"{TEXT_NS} s": " ", f"{TEXT_NS} tab": "\t", f"{TEXT_NS} line-break": "\n"}
    inside_paragraph = 0

    def start(name, attributes):
        nonlocal inside_paragraph
        if name in paragraph_tags:
            inside_paragraph += 1
        elif inside_paragraph and name in breaks:
            text.add(breaks[name])

    def end(name):
        nonlocal inside_paragraph
        if name in paragraph_tags:
            inside_paragraph -= 1
            text.add("\n")

    def characters(data):
        if inside_paragraph:
            text.add(data)

    _parse_zipped_xml(fileobj, "content.xml", start, end, characters)


# --- Plain text ------------------------------------------------------------------------------


def _plain_text(fileobj, text):
    # Four bytes per character at most in UTF-8: enough bytes for the whole budget.
    text.add(fileobj.read(text.limit * 4).decode("utf-8", errors="replace"))


READERS = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "odt": _odt_text,
    "txt": _plain_text,
    "csv": _plain_text,
}
