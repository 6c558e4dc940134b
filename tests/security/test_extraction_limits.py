"""Untrusted uploads do bounded work: a few hundred bytes of ODT that ask for 200 million
spaces, a DOCX whose XML unpacks to tens of megabytes, and a PDF of fifty thousand pages are
uploaded through the admin as an editor would. Each upload is stored, its text for search
is bounded (or empty), a log line says so, and the memory the upload takes stays small.
"""

import io
import tracemalloc
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings

from documents import text_extraction
from documents.models import CityDocument
from tests.factories import root_collection

# Far below what the attacks allocate without a bound (hundreds of megabytes).
MEMORY_LIMIT = 50 * 1024 * 1024
TEXT_LIMIT = 100_000  # DOCUMENT_TEXT_MAX_LENGTH in these tests
PDF_PAGES_READ = 1000  # PDF_PAGES_READ
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zipped(member, chunks):
    """A zip file whose only member ``member`` holds the bytes of ``chunks``, deflated."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(member, "w", force_zip64=True) as stream,
    ):
        for chunk in chunks:
            stream.write(chunk)
    return buffer.getvalue()


def spaces_odt():
    """The 300-byte ODT: one paragraph with a `text:s` that counts 200 million spaces."""
    content = (
        f'<office:document-content xmlns:text="{TEXT_NS}" '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        "<office:body><office:text><text:p>Pradžia"
        '<text:s text:c="200000000"/>pabaiga</text:p></office:text></office:body>'
        "</office:document-content>"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def docx_bomb(paragraphs):
    """A DOCX whose word/document.xml is ``paragraphs`` short paragraphs (42 bytes each)."""
    head = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
    paragraph = b"<w:p><w:r><w:t>Sprogimas</w:t></w:r></w:p>"
    batch = 10_000

    def chunks():
        yield head
        for _ in range(paragraphs // batch):
            yield paragraph * batch
        yield b"</w:body></w:document>"

    return zipped("word/document.xml", chunks())


def many_pages_pdf(pages_per_node=250, nodes=200):
    """A small PDF whose page tree lists one page ``pages_per_node * nodes`` times."""
    content = b"BT /F1 12 Tf 72 712 Td (Puslapis) Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count %d/Kids[%s]>>"
        % (pages_per_node * nodes, b" ".join([b"3 0 R"] * nodes)),
        b"<</Type/Pages/Parent 2 0 R/Count %d/Kids[%s]>>"
        % (pages_per_node, b" ".join([b"4 0 R"] * pages_per_node)),
        b"<</Type/Page/Parent 3 0 R/MediaBox[0 0 612 792]/Contents 5 0 R"
        b"/Resources<</Font<</F1 6 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(content), content),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


@override_settings(DOCUMENT_TEXT_MAX_LENGTH=TEXT_LIMIT)
class ExtractionLimitsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "password"
        )
        cls.collection = root_collection()

    def setUp(self):
        self.client.force_login(self.editor)

    def upload(self, name, data):
        """Upload ``data`` through the admin's form; returns (document, peak bytes)."""
        tracemalloc.start()
        try:
            response = self.client.post(
                "/admin/documents/add/",
                {
                    "title": f"Įkeltas {name}",
                    "file": SimpleUploadedFile(name, data),
                    "collection": self.collection.pk,
                    "kind": CityDocument.Kind.OTHER,
                },
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        return CityDocument.objects.get(title=f"Įkeltas {name}"), peak

    def test_odt_asking_for_200_million_spaces(self):
        data = spaces_odt()
        self.assertLess(len(data), 400)
        document, peak = self.upload("tarpai.odt", data)
        self.assertLess(peak, MEMORY_LIMIT)
        self.assertLessEqual(len(document.text), TEXT_LIMIT)
        self.assertEqual(document.text, "Pradžia pabaiga")  # a run of spaces is one space
        self.assertTrue(document.file.size)

    def test_docx_whose_xml_unpacks_to_40_mb(self):
        data = docx_bomb(950_000)  # 40 MB of XML, under the member size bound
        self.assertLess(len(data), 1024 * 1024)
        with self.assertLogs("documents.text_extraction", "INFO"):
            document, peak = self.upload("sprogimas.docx", data)
            self.assertLess(peak, MEMORY_LIMIT)
            self.assertLessEqual(len(document.text), TEXT_LIMIT)
            self.assertTrue(document.text.startswith("Sprogimas\nSprogimas"))

    def test_docx_member_declaring_more_than_the_bound_is_not_read(self):
        paragraphs = text_extraction.MAX_XML_BYTES // 42 + 20_000
        data = docx_bomb(paragraphs)
        with self.assertLogs("documents.text_extraction", "WARNING") as logs:
            document, peak = self.upload("didelis.docx", data)
            self.assertIn("too large", "\n".join(logs.output))
            self.assertLess(peak, MEMORY_LIMIT)
            self.assertEqual(document.text, "")
            self.assertTrue(CityDocument.objects.filter(pk=document.pk).exists())

    def test_pdf_of_fifty_thousand_pages(self):
        data = many_pages_pdf()
        self.assertLess(len(data), 20_000)
        with self.assertLogs("documents.text_extraction", "INFO"):
            document, peak = self.upload("puslapiai.pdf", data)
            self.assertLess(peak, MEMORY_LIMIT)
            self.assertLessEqual(document.text.count("Puslapis"), PDF_PAGES_READ)
            self.assertTrue(document.file.size)
