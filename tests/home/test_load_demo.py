"""`manage.py load_demo`: the demonstration site, and loading it twice gives the same site;
as `make run` does it (`--admin-if-missing`), it ends by saying how to sign in. English
pages are real translations, the trees are synchronised, and the translators' report has
nothing to do."""

import datetime
import io
import re

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from core.translation_report import translation_report_rows
from core.versions import published_revisions
from documents.models import CityDocument
from home.demo.accounts import DEMO_PASSWORD
from home.models import AccessibilityStatementPage, HomePage, InformationIndexPage
from news.models import NewsArticlePage
from plans.models import IndicatorPassport, MeasureOwner, MethodologyVersion, PlanDraftPage
from plans.tree import walk
from workinggroups.models import WorkingGroupPage

SOURCE_LINE = "AMS, Strateginio plano rengėjų informacija"


def site_census():
    """What a second run could change: pages per locale (ids too), documents."""
    return {
        "pages": {
            locale.language_code: sorted(
                Page.objects.filter(locale=locale, depth__gt=1).values_list("pk", flat=True)
            )
            for locale in Locale.objects.all()
        },
        "live pages": Page.objects.filter(depth__gt=1, live=True).count(),
        "documents": sorted(CityDocument.objects.values_list("pk", "file")),
        "owners and passports": sorted(
            [*MeasureOwner.objects.values_list("pk", flat=True)]
            + [*IndicatorPassport.objects.values_list("pk", flat=True)]
        ),
        "method versions": MethodologyVersion.objects.count(),
    }


def load_demo(*args):
    output = io.StringIO()
    call_command("load_demo", *args, stdout=output)
    return output.getvalue()


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # As `make run` loads it (with the development settings' DEBUG), twice.
        with override_settings(DEBUG=True):
            cls.first_output = load_demo("--admin-if-missing")
            cls.after_first_run = site_census()
            cls.second_output = load_demo("--admin-if-missing")
            cls.after_second_run = site_census()
        cls.lt = Locale.objects.get(language_code="lt")
        cls.en = Locale.objects.get(language_code="en")

    def test_loading_twice_gives_the_same_site(self):
        self.assertEqual(self.after_first_run, self.after_second_run)
        self.assertGreater(len(self.after_first_run["pages"]["lt"]), 10)
        self.assertEqual(
            len(self.after_first_run["pages"]["lt"]), len(self.after_first_run["pages"]["en"])
        )

    def test_the_demo_draft_has_two_versions_in_both_languages(self):
        """Version 0.2 follows the consultation, once: loading again publishes no third."""
        for locale in (self.lt, self.en):
            draft = PlanDraftPage.objects.get(locale=locale, stage=PlanDraftPage.Stage.DRAFTING)
            versions = published_revisions(draft)
            self.assertEqual([v.version_label for v in versions], ["0.1", "0.2"])
            self.assertTrue(all(v.change_note for v in versions))
            comparison = draft.compare(versions[0].pk, versions[1].pk)
            self.assertEqual(
                sorted((c.kind, c.action) for c in comparison.elements),
                [
                    ("indicator", "added"),
                    ("indicator", "changed"),
                    ("indicator", "changed"),
                    ("indicator", "removed"),
                    ("measure", "changed"),
                    ("measure", "moved"),
                ],
            )

    def test_the_site_root_is_the_lithuanian_home_page(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.locale, self.lt)
        self.assertEqual(Site.objects.count(), 1)
        self.assertFalse(Page.objects.filter(title="Welcome to your new Wagtail site!").exists())
        response = self.client.get("/lt/")
        self.assertContains(response, site.root_page.title)

    def test_six_working_groups_five_thematic_and_the_consultative(self):
        groups = WorkingGroupPage.objects.live().filter(locale=self.lt)
        self.assertEqual(groups.count(), 6)
        self.assertEqual(groups.filter(kind=WorkingGroupPage.Kind.THEMATIC).count(), 5)
        self.assertEqual(groups.filter(kind=WorkingGroupPage.Kind.CONSULTATIVE).count(), 1)
        for group in groups:
            with self.subTest(group=group.title):
                self.assertTrue(group.memberships.exists(), "a group without members")

    def test_the_news_article_from_the_seed(self):
        article = NewsArticlePage.objects.live().get(locale=self.lt, source_line=SOURCE_LINE)
        response = self.client.get(article.url)
        self.assertContains(response, SOURCE_LINE)

    def test_the_mayors_order_document(self):
        order = CityDocument.objects.get(number="M-18")
        self.assertEqual(order.document_date, datetime.date(2020, 6, 2))
        self.assertEqual(order.kind, CityDocument.Kind.ORDER)
        self.assertTrue(order.file.storage.exists(order.file.name))
        self.assertTrue(order.file.read(5).startswith(b"%PDF"))
        order.file.close()

    def test_a_plan_draft_open_for_consultation(self):
        drafts = PlanDraftPage.objects.live().filter(locale=self.lt)
        self.assertTrue(any(draft.is_open_for_consultation for draft in drafts))

    def test_the_adopted_plans_measures_and_indicators_have_owners_and_one_method_change(self):
        adopted = PlanDraftPage.objects.get(locale=self.lt, stage=PlanDraftPage.Stage.ADOPTED)
        elements = adopted.elements()
        measures = {e.id for e in elements if e.kind == "measure"}
        indicators = {e.id for e in elements if e.kind == "indicator"}
        owners = {str(i) for i in MeasureOwner.objects.values_list("element_id", flat=True)}
        passports = {str(i) for i in IndicatorPassport.objects.values_list("element_id", flat=True)}
        self.assertEqual((owners, passports), (measures, indicators))
        outline = adopted.outline_with_owners()
        broken = [e for e in walk(outline) if e.breaks]
        self.assertEqual(
            [(e.title, e.breaks) for e in broken], [("Registruotas nedarbo lygis", [2023])]
        )

    def test_every_page_has_a_live_english_translation(self):
        lithuanian = Page.objects.filter(locale=self.lt, depth__gt=1).live()
        self.assertTrue(lithuanian.exists())
        for page in lithuanian:
            with self.subTest(page=page.url_path):
                translation = page.get_translation_or_none(self.en)
                self.assertIsNotNone(translation, "no English translation")
                self.assertTrue(translation.live, "the English translation is not published")
                self.assertEqual(translation.specific_class, page.specific_class)
        self.assertEqual(
            Page.objects.filter(locale=self.en, depth__gt=1).live().count(), lithuanian.count()
        )

    def test_the_first_run_creates_the_administrator_and_says_how_to_sign_in(self):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        lines = self.first_output.splitlines()
        self.assertIn(f"  {admin_url}", lines)
        self.assertIn("  user: admin", lines)
        password = next(line for line in lines if line.startswith("  password: "))
        password = password.removeprefix("  password: ")
        self.assertGreaterEqual(len(password), 16)
        self.assertNotEqual(password, DEMO_PASSWORD)
        user = authenticate(username="admin", password=password)
        self.assertTrue(user and user.is_superuser)
        # The notes are the command's last lines, after the summary of what was loaded.
        self.assertEqual(lines[-1], "  .venv/bin/python manage.py changepassword admin")
        self.assertIn("Demo site loaded.", lines[0])

        # Run again, it keeps the account and its password and names it.
        self.assertNotIn("password:", self.second_output)
        self.assertIn(f"Sign in at {admin_url} as admin.", self.second_output.splitlines())
        self.assertTrue(authenticate(username="admin", password=password))
        self.assertEqual(get_user_model().objects.filter(is_superuser=True).count(), 1)

    def test_no_generated_administrator_without_debug(self):
        get_user_model().objects.all().delete()
        with self.assertRaisesMessage(CommandError, "manage.py createsuperuser"):
            load_demo("--admin-if-missing")
        self.assertFalse(get_user_model().objects.exists())

    def test_footer_shows_the_municipalitys_public_contacts_and_marks_the_demo_once(self):
        for language, example in (("lt", "pavyzdinia"), ("en", "are examples")):
            with self.subTest(language=language):
                html = footer(self.client.get(f"/{language}/").content.decode())
                self.assertIn("Rotušės a. 4, LT-62504 Alytus", html)
                self.assertIn('<a href="tel:+37031551000">+370 315 51 000</a>', html)
                self.assertEqual(html.count(example), 1)
                self.assertEqual(html.lower().count("demonstr"), 1)
                self.assertNotIn("000 00000", html)

    def test_the_accessibility_statement_follows_the_eu_model_in_both_languages(self):
        sections = {
            "lt": [
                "Atitikties būklė",
                "Neprieinamas turinys",
                "Šios prieinamumo deklaracijos parengimas",
                "Grįžtamasis ryšys ir kontaktinė informacija",
                "Vykdymo užtikrinimo procedūra",
            ],
            "en": [
                "Compliance status",
                "Non-accessible content",
                "Preparation of this accessibility statement",
                "Feedback and contact information",
                "Enforcement procedure",
            ],
        }
        for language, locale in (("lt", self.lt), ("en", self.en)):
            with self.subTest(language=language):
                statement = AccessibilityStatementPage.objects.live().get(locale=locale)
                html = self.client.get(statement.url).content.decode()
                headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
                self.assertEqual(headings, sections[language])
                for text in ("WCAG", "2.1", "EN 301 549", "2016/2102", "ivpk.lrv.lt"):
                    self.assertIn(text, html)
                self.assertIn('href="mailto:strateginis.planas@alytus.example"', html)
                self.assertIn(f'<a href="{statement.url}">', footer(html))

    def test_the_information_index_lists_every_page_in_both_languages(self):
        for locale in (self.lt, self.en):
            with self.subTest(language=locale.language_code):
                index = InformationIndexPage.objects.live().get(locale=locale)
                html = self.client.get(index.url).content.decode()
                listed = re.search(r'<nav class="information-index".*?</nav>', html, re.S)
                urls = re.findall(r'href="([^"]+)"', listed.group(0))
                pages = Page.objects.filter(locale=locale, depth__gt=1).live().order_by("path")
                self.assertEqual(urls, [page.url for page in pages])
                self.assertIn(f'<a href="{index.url}">', footer(html))

    def test_the_english_tree_follows_the_lithuanian_one(self):
        sync = LocaleSynchronization.objects.get()
        self.assertEqual(sync.locale.language_code, "en")
        self.assertEqual(sync.sync_from.language_code, "lt")

    def test_english_pages_are_translations_not_aliases(self):
        english = Page.objects.filter(locale=self.en)
        self.assertGreater(english.count(), 10)
        self.assertFalse(english.filter(alias_of__isnull=False).exists())

    def test_nothing_to_translate(self):
        self.assertEqual([(row.page.title, row.status) for row in translation_report_rows()], [])
