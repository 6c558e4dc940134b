"""Search without a search server (the embedded default and PostgreSQL alone) understands
Lithuanian: inflected forms, words typed without diacritics, English word forms, and the
relevance set of tests/search/corpus.py at precision@3 ≥ 0.9 per language.

The suite runs on PostgreSQL; `SQLiteSearchTests` runs this module again on SQLite (the
database of `make run`) in a subprocess.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase
from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from search import site_search
from tests.factories import NewsArticlePageFactory, WorkingGroupPageFactory, build_site
from tests.search.corpus import (
    ENGLISH_QUERIES,
    LITHUANIAN_QUERIES,
    add_documents,
    add_generated_news,
)

ROOT = Path(__file__).resolve().parents[2]
SQLITE_TEMPLATE = ROOT / ".cache" / "test-template.sqlite3"
TOP = 3
MIN_PRECISION = 0.9
ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def labels(found):
    return [
        f"doc:{result.title}" if result.is_document else result.title for result in found.results
    ]


def search(query, language, locale, per_page=10):
    with translation.override(language):
        return labels(site_search.search(query, language, locale, per_page=per_page))


class LithuanianSearchTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        group_index = cls.site.lt["group_index"]
        cls.education = WorkingGroupPageFactory(
            parent=group_index,
            title="Švietimo, sporto ir kultūros darbo grupė",
            slug="svietimo-grupe",
            intro="Koordinuoja mokyklų tinklo pertvarką ir sporto bazių priežiūrą.",
        )
        news_index = cls.site.lt["news_index"]
        NewsArticlePageFactory(
            parent=news_index,
            title="Miesto ūkio apžvalga",
            slug="ukio-apzvalga",
            intro="Ataskaitoje aptariamos miesto ekonomikos augimo kryptys.",
        )
        NewsArticlePageFactory(
            parent=cls.site.en["news_index"],
            title="Street lighting modernisation",
            slug="street-lighting",
            intro="Old street lamps are being replaced with LED lamps.",
        )

    def test_a_word_finds_its_inflected_forms(self):
        # "švietimas" finds "Švietimo", "ekonomika" the article about "ekonomikos".
        self.assertEqual(search("švietimas", "lt", self.site.lt_locale)[0], self.education.title)
        self.assertIn("Miesto ūkio apžvalga", search("ekonomika", "lt", self.site.lt_locale))

    def test_words_typed_without_diacritics(self):
        found = search("svietimo sporto kulturos grupe", "lt", self.site.lt_locale)
        self.assertEqual(found[0], self.education.title)

    def test_forms_whose_stems_differ_once_folded(self):
        # "posėdis" and "posėdžio" share a stem; without diacritics they would not
        # ("posedis" -> "posed", "posedzio" -> "posedz").
        found = search("posėdis", "lt", self.site.lt_locale)
        self.assertIn(f"doc:{self.site.minutes.title}", found)

    def test_function_words_are_not_required(self):
        found = search("mokyklų ir sporto bazių", "lt", self.site.lt_locale)
        self.assertEqual(found[0], self.education.title)

    def test_english_word_forms(self):
        found = search("modernising street lights", "en", self.site.en_locale)
        self.assertEqual(found[0], "Street lighting modernisation")

    def test_a_query_without_words_finds_nothing(self):
        for query in ['"', "!!!", "-", "'"]:
            with self.subTest(query=query):
                self.assertEqual(search(query, "lt", self.site.lt_locale), [])

    def test_suggestions_ignore_diacritics(self):
        titles = [item["title"] for item in site_search.suggest("svie", self.site.lt_locale)]
        self.assertIn(self.education.title, titles)


class DatabaseRelevanceTests(WagtailPageTestCase):
    """The relevance set of the search server's tests, on the database backend."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=io.StringIO())
        cls.lt_locale = Locale.objects.get(language_code="lt")
        cls.en_locale = Locale.objects.get(language_code="en")
        add_generated_news(cls.lt_locale, cls.en_locale)
        add_documents()

    def assert_precision(self, language, queries):
        locale = self.lt_locale if language == "lt" else self.en_locale
        misses = []
        for query, expected in queries:
            found = search(query, language, locale, per_page=TOP)
            if expected not in found:
                misses.append(f"  MISS {query!r}: expected {expected!r}, got {found}")
        precision = (len(queries) - len(misses)) / len(queries)
        vendor = "SQLite" if ON_SQLITE else "PostgreSQL"
        report = "\n".join(
            [f"precision@{TOP} ({vendor}, {language}, {len(queries)} queries): {precision:.3f}"]
            + misses
        )
        print(report, file=sys.stderr)
        self.assertGreaterEqual(precision, MIN_PRECISION, report)

    def test_lithuanian_precision_at_3(self):
        self.assert_precision("lt", LITHUANIAN_QUERIES)

    def test_english_precision_at_3(self):
        self.assert_precision("en", ENGLISH_QUERIES)


class SQLiteSearchTests(SimpleTestCase):
    """This module again on SQLite, the database of `make run` (FTS5)."""

    def test_on_sqlite(self):
        if ON_SQLITE:
            self.skipTest("this run is the SQLite run")
        with tempfile.TemporaryDirectory() as folder:
            environment = {**os.environ, "DATABASE_URL": "sqlite://:memory:"}
            arguments = []
            if os.environ.get("CITYPLAN_TEST_TEMPLATE") and SQLITE_TEMPLATE.exists():
                # `make test` migrated a SQLite database while the checks ran
                # (scripts/test-template): the tests run in a copy of it.
                database = Path(folder) / "test.sqlite3"
                shutil.copyfile(SQLITE_TEMPLATE, database)
                environment["DATABASE_URL"] = f"sqlite:///{database}"
                environment["CITYPLAN_TEST_DATABASE"] = str(database)
                arguments = ["--reuse-db"]
            result = subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    *arguments,
                    f"{Path(__file__).relative_to(ROOT)}::LithuanianSearchTests",
                    f"{Path(__file__).relative_to(ROOT)}::DatabaseRelevanceTests",
                ],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
        print(result.stderr[-3000:], file=sys.stderr)
        self.assertEqual(result.returncode, 0, result.stdout[-6000:] + result.stderr[-3000:])
        self.assertIn("9 passed", result.stdout)
