"""Private documents are never served around Django: a document of a restricted collection,
fetched at its file's address under /media/, is not found, in development (the urlconf that
DEBUG builds) and behind nginx (docs/nginx.conf.example); images still are."""

import importlib.util
import re
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import SimpleTestCase, TestCase, override_settings

from wagtail.models import CollectionViewRestriction

from documents.media import image_media_urlpatterns
from tests.factories import CityDocumentFactory, CityImageFactory, root_collection

ROOT = Path(settings.BASE_DIR)
SECRET = b"%PDF-1.4\n% Slaptas tarybos dokumentas\n%%EOF\n"


def debug_urlconf():
    """cityplan/urls.py as DEBUG builds it, as a module of its own (the real one untouched)."""
    name = "tests_security_debug_urls"
    with override_settings(DEBUG=True):
        spec = importlib.util.spec_from_file_location(name, ROOT / "cityplan" / "urls.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    sys.modules[name] = module
    return name


class DevelopmentMediaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        private = root_collection().add_child(name="Tarybos dokumentai")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        cls.secret = CityDocumentFactory(
            title="Slaptas", collection=private, file=ContentFile(SECRET, name="slaptas.pdf")
        )
        cls.image = CityImageFactory()

    def setUp(self):
        self.urlconf = debug_urlconf()

    def get(self, path):
        with override_settings(DEBUG=True, ROOT_URLCONF=self.urlconf):
            return self.client.get(path)

    def body(self, response):
        # Read to the end, the test client then closes the response.
        return b"".join(response.streaming_content) if response.streaming else response.content

    def test_a_restricted_document_is_not_served_from_media(self):
        path = f"{settings.MEDIA_URL}{self.secret.file.name}"
        self.assertTrue(path.startswith("/media/documents/"))
        response = self.get(path)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Slaptas tarybos", self.body(response))

    def test_no_way_around_the_image_folders(self):
        name = self.secret.file.name
        for path in (
            f"/media/images/../{name}",
            f"/media/original_images/%2e%2e/{name}",
            f"/media//{name}",
            "/media/documents/",
        ):
            with self.subTest(path=path):
                response = self.get(path)
                # Not found (or, for a folder address, sent to the language's page of that
                # name, which does not exist either).
                self.assertIn(response.status_code, (302, 404))
                self.assertNotIn(b"Slaptas tarybos", self.body(response))
                if response.status_code == 302:
                    self.assertEqual(self.get(response["Location"]).status_code, 404)

    def test_the_document_view_still_asks_for_a_login(self):
        response = self.get(self.secret.url)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Slaptas tarybos", self.body(response))

    def test_images_are_served(self):
        original = self.get(f"{settings.MEDIA_URL}{self.image.file.name}")
        self.assertEqual(original.status_code, 200)
        with self.image.open_file() as image_file:
            self.assertEqual(self.body(original), image_file.read())
        rendition = self.image.get_rendition("width-20")
        response = self.get(rendition.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.body(response))

    def test_nothing_is_served_from_media_without_debug(self):
        self.assertEqual(image_media_urlpatterns(), [])


def nginx_locations(text):
    """``{location: body}`` of the prefix locations of the example (no nested blocks)."""
    text = re.sub(r"#[^\n]*", "", text)
    locations = {}
    for match in re.finditer(r"location\s+(=\s*|\^~\s*|~\*?\s*)?(\S+)\s*\{([^{}]*)\}", text):
        modifier, path, body = match.groups()
        if modifier and modifier.strip().startswith("~"):
            raise AssertionError(f"regex location {path}: extend this test to read it")
        locations.setdefault(path, body)
    return locations


def nginx_location_for(locations, uri):
    """The location nginx picks for ``uri`` among prefix locations: the longest match."""
    matches = [path for path in locations if uri.startswith(path)]
    return max(matches, key=len) if matches else None


class NginxExampleTests(SimpleTestCase):
    def setUp(self):
        self.locations = nginx_locations((ROOT / "docs" / "nginx.conf.example").read_text())

    def test_documents_under_media_are_refused(self):
        for uri in ("/media/documents/slaptas.pdf", "/media/documents/", "/media/slaptas.pdf"):
            with self.subTest(uri=uri):
                location = nginx_location_for(self.locations, uri)
                self.assertIsNotNone(location)
                body = self.locations[location]
                self.assertNotRegex(body, r"\b(alias|root)\b")
                self.assertRegex(body, r"\breturn\s+40[34]\b|\bdeny\s+all\b")

    def test_images_are_served_from_their_folders(self):
        for uri, folder in (
            ("/media/original_images/foto.png", "original_images/"),
            ("/media/images/foto.width-400.png", "images/"),
        ):
            with self.subTest(uri=uri):
                body = self.locations[nginx_location_for(self.locations, uri)]
                alias = re.search(r"\balias\s+(\S+);", body)
                self.assertIsNotNone(alias)
                self.assertTrue(alias.group(1).endswith(f"/media/{folder}"))
