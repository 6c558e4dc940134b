"""The home page and standard pages: where they may be created, and the admin form."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import AccessibilityStatementPage, HomePage, InformationIndexPage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from plans.models import PlanDraftPage, PlanIndexPage
from tests.base import AdminPageTestCase
from tests.factories import ensure_locales, ensure_root
from workinggroups.models import MeetingPage, WorkingGroupIndexPage, WorkingGroupPage


class HomePageRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_top_of_the_tree_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        for parent in (HomePage, StandardPage, WorkingGroupIndexPage, NewsIndexPage):
            self.assertCanNotCreateAt(parent, HomePage)

    def test_home_page_holds_the_sections(self):
        for child in (StandardPage, WorkingGroupIndexPage, PlanIndexPage, NewsIndexPage):
            self.assertCanCreateAt(HomePage, child)
        for child in (WorkingGroupPage, MeetingPage, PlanDraftPage, NewsArticlePage):
            self.assertCanNotCreateAt(HomePage, child)
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                WorkingGroupIndexPage,
                PlanIndexPage,
                NewsIndexPage,
                AccessibilityStatementPage,
                InformationIndexPage,
            },
        )

    def test_standard_pages_nest_under_home_and_each_other_only(self):
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        for parent in (WorkingGroupPage, PlanIndexPage, NewsIndexPage, Page):
            self.assertCanNotCreateAt(parent, StandardPage)


class HomePageCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        lt_locale, _ = ensure_locales()
        cls.root = ensure_root(lt_locale)

    def setUp(self):
        self.login()

    def test_editor_creates_the_home_page_with_a_timeline(self):
        self.assertCanCreate(
            self.root,
            HomePage,
            nested_form_data(
                {
                    "title": "Alytus 2030",
                    "slug": "alytus-2030",
                    "vision": rich_text("<p>Žaliasis, modernus miestas.</p>"),
                    "latest_news_count": "3",
                    "timeline": streamfield(
                        [
                            (
                                "milestone",
                                {
                                    "date": "2020-06-02",
                                    "date_label": "",
                                    "title": "Sudarytos darbo grupės",
                                    "description": "Mero potvarkis Nr. M-18.",
                                    "status": "done",
                                },
                            ),
                            (
                                "milestone",
                                {
                                    "date": "2020-12-31",
                                    "date_label": "2020 m. gruodis",
                                    "title": "Plano projektas",
                                    "description": "",
                                    "status": "planned",
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        home = HomePage.objects.get(slug="alytus-2030")
        self.assertTrue(home.live)
        self.assertEqual(
            [block.value["title"] for block in home.timeline],
            ["Sudarytos darbo grupės", "Plano projektas"],
        )
        self.assertIn("Žaliasis, modernus miestas.", home.vision)

    def test_only_one_home_page_per_parent(self):
        self.assertTrue(HomePage.can_create_at(self.root))
        self.root.add_child(instance=HomePage(title="Pradžia", slug="pradzia", vision="<p>V</p>"))
        self.assertFalse(HomePage.can_create_at(Page.objects.get(pk=self.root.pk)))


class StandardPageCreationTests(AdminPageTestCase):
    def test_editor_creates_a_standard_page_with_a_body(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Apie planą",
                    "intro": "Kaip rengiamas planas.",
                    "body": streamfield(
                        [
                            ("heading", "Plano rengimo eiga"),
                            ("paragraph", rich_text("<p>Planą rengia darbo grupės.</p>")),
                            ("quote", {"text": "Miestas žmonėms.", "source": "Vizija"}),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.child_of(self.home).get(title="Apie planą")
        self.assertEqual(page.locale, self.lt_locale)
        self.assertEqual(
            [block.block_type for block in page.body], ["heading", "paragraph", "quote"]
        )

    def test_editor_nests_a_standard_page_under_another(self):
        parent = self.home.add_child(instance=StandardPage(title="Procesas", slug="procesas"))
        self.assertCanCreate(
            parent,
            StandardPage,
            nested_form_data({"title": "Kontaktai", "intro": "", "body": streamfield([])}),
        )
        self.assertTrue(StandardPage.objects.child_of(parent).filter(title="Kontaktai").exists())
