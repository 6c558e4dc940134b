"""Documents' text for search: extracted from PDF, DOCX and ODT on upload, again when the
file changes, and never when it does not; a damaged file keeps its upload."""

import io
from unittest import mock

from django.core.files.base import ContentFile
from django.test import TestCase

from wagtail.test.utils import WagtailTestUtils

from documents import text_extraction
from documents.models import CityDocument
from home.demo import content
from home.demo.order_pdf import render_order
from tests.factories import CityDocumentFactory
from tests.search.corpus import docx_bytes, odt_bytes


class TextExtractionTests(TestCase, WagtailTestUtils):
    def test_pdf_text(self):
        pdf = render_order(content.ORDER_PDF, title="Potvarkis", author="Savivaldybė")
        document = CityDocumentFactory(file=ContentFile(pdf, name="potvarkis.pdf"))
        self.assertIn("POTVARKIS", document.text)
        self.assertIn("plėtros", document.text.lower())
        self.assertEqual(document.text_file_hash, document.file_hash)

    def test_docx_text_keeps_paragraphs(self):
        document = CityDocumentFactory(
            file=ContentFile(
                docx_bytes(["Pirma pastraipa.", "Antra – su ąčęėįšųūž."]), name="a.docx"
            )
        )
        self.assertEqual(document.text, "Pirma pastraipa.\nAntra – su ąčęėįšųūž.")

    def test_odt_text(self):
        document = CityDocumentFactory(
            file=ContentFile(odt_bytes("Antraštė", ["Plėtros planas."]), name="a.odt")
        )
        self.assertEqual(document.text, "Antraštė\nPlėtros planas.")

    def test_new_file_is_extracted_again_and_unchanged_file_is_not(self):
        document = CityDocumentFactory(
            file=ContentFile(docx_bytes(["Senas tekstas."]), name="a.docx")
        )
        with mock.patch.object(
            CityDocument, "extract_text", autospec=True, side_effect=CityDocument.extract_text
        ) as extract:
            document.title = "Naujas pavadinimas"
            document.save()
            extract.assert_not_called()
            document.file = ContentFile(docx_bytes(["Naujas tekstas."]), name="b.docx")
            document.file_hash = ""  # as the admin's upload form resets the file's metadata
            document.file_size = None
            document.save()
            extract.assert_called_once()
        document.refresh_from_db()
        self.assertEqual(document.text, "Naujas tekstas.")

    def test_a_damaged_or_unknown_file_gives_no_text_and_keeps_the_upload(self):
        with self.assertLogs("documents.text_extraction", "WARNING"):
            broken = CityDocumentFactory(file=ContentFile(b"not a zip", name="broken.docx"))
        self.assertEqual(broken.text, "")
        self.assertTrue(CityDocument.objects.filter(pk=broken.pk).exists())
        sheet = CityDocumentFactory(file=ContentFile(b"a;b\n", name="table.ods"))
        self.assertEqual(sheet.text, "")

    def test_text_is_limited(self):
        with mock.patch.object(text_extraction, "MAX_TEXT_LENGTH", 10):
            text = text_extraction.extract_text(io.BytesIO(("ąčęėįšųūž " * 5).encode()), "txt")
        self.assertEqual(len(text), 10)
