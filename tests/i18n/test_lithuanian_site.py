"""The public site in Lithuanian: no English UI string, Lithuanian plurals and dates."""

import re
from pathlib import Path

import polib

from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.utils import translation

from tests.base import BilingualSiteTestCase
from tests.factories import build_site

# The project's catalogues: the site's own and the comments app's.
CATALOGUES = [
    Path(settings.BASE_DIR) / "locale" / "lt" / "LC_MESSAGES" / "django.po",
    Path(settings.BASE_DIR) / "feedback" / "locale" / "lt" / "LC_MESSAGES" / "django.po",
]
# Templates a visitor sees (not the admin's, not e-mails).
PRIVATE_TEMPLATES = ("/admin/", "/emails/", "wagtail_hooks.py", "models.py", "forms.py")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")
MIN_LENGTH = 14  # shorter fragments ("Search", "Date") can occur in Lithuanian content


def english_ui_strings():
    """Fragments of the project's own msgids used in public templates whose Lithuanian
    translation differs: long enough not to occur by chance in Lithuanian text."""
    fragments = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            files = [where for where, _line in entry.occurrences]
            public = [
                f
                for f in files
                if f.endswith(".html") and not any(p in f for p in PRIVATE_TEMPLATES)
            ]
            if not public:
                continue
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                for fragment in PLACEHOLDER.split(msgid):
                    fragment = fragment.strip(" .,:;()“”")
                    if len(fragment) < MIN_LENGTH or "<" in fragment:
                        continue
                    if any(fragment in text for text in translations):
                        continue  # the translation keeps it (a name, an address)
                    fragments.add(fragment)
    return fragments


class LithuanianPagesTests(BilingualSiteTestCase):
    """Every public page type, the search page and the comment form, in Lithuanian."""

    def lithuanian_responses(self):
        for key, page in self.lt.items():
            yield key, self.client.get(page.url)
        yield "search", self.client.get("/lt/search/", {"q": "darbo grupės"})
        yield "search-empty", self.client.get("/lt/search/", {"q": "nėrarezultatųžodis"})
        yield "404", self.client.get("/lt/nera-tokio-puslapio/")
        draft = self.lt["draft"]
        yield "comment-form", self.client.get(f"/lt/comments/form/{draft.pk}/")

    def test_the_list_of_english_strings_is_not_empty(self):
        strings = english_ui_strings()
        self.assertIn("Skip to main content", strings)
        self.assertGreater(len(strings), 50)

    def test_no_english_ui_string_on_a_lithuanian_page(self):
        strings = english_ui_strings()
        for key, response in self.lithuanian_responses():
            with self.subTest(page=key):
                self.assertIn(response.status_code, (200, 404))
                html = response.content.decode()
                self.assertIn('<html lang="lt">', html)
                found = sorted(s for s in strings if s in html)
                self.assertEqual(found, [], f"English on the Lithuanian {key} page")

    def test_the_english_site_is_in_english(self):
        """The check above means something: the same strings do appear in English."""
        html = self.client.get(self.en["article"].url).content.decode()
        self.assertIn("Skip to main content", html)


class LithuanianPluralTests(TestCase):
    """Lithuanian has three plural forms for whole numbers (Django's lt catalogue has four
    with the fractional one): 1 and 21 komentaras, 2 komentarai, 10 and 11 komentarų."""

    EXPECTED = {
        1: "1 komentaras",
        2: "2 komentarai",
        10: "10 komentarų",
        11: "11 komentarų",
        21: "21 komentaras",
        22: "22 komentarai",
    }

    @classmethod
    def setUpTestData(cls):
        cls.site_data = build_site(translate_to_english=False)

    def test_comment_count(self):
        article = self.site_data.lt["article"]
        request = RequestFactory().get("/lt/")
        for count, expected in self.EXPECTED.items():
            article.comment_count = count
            with self.subTest(count=count), translation.override("lt"):
                html = render_to_string(
                    "feedback/includes/comment_count.html", {"item": article}, request=request
                )
                self.assertIn(f">{expected}</a>", html)

    def test_search_result_count(self):
        words = {1: "rastas 1 rezultatas", 2: "rasti 2 rezultatai", 10: "rasta 10 rezultatų"}
        words[21] = "rastas 21 rezultatas"
        for count, expected in words.items():
            with self.subTest(count=count), translation.override("lt"):
                text = translation.ngettext(
                    "%(counter)s result for “%(query)s”",
                    "%(counter)s results for “%(query)s”",
                    count,
                ) % {"counter": count, "query": "planas"}
                self.assertEqual(text, f"Pagal užklausą „planas“ {expected}")


class LithuanianDateTests(BilingualSiteTestCase):
    def test_meeting_date_in_lithuanian_style(self):
        html = self.client.get(self.lt["meeting"].url).content.decode()
        self.assertIn("2020 m. liepos 21 d.", html)
        html = self.client.get(self.en["meeting"].url).content.decode()
        self.assertNotIn("liepos", html)

    def test_group_page_lists_the_meeting_date_in_lithuanian(self):
        html = self.client.get(self.lt["group"].url).content.decode()
        self.assertIn("2020 m. liepos 21 d.", html)
