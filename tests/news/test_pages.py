"""The news index and articles: where they may be created, and the admin form."""

import datetime

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from plans.models import PlanIndexPage
from tests.base import AdminPageTestCase
from tests.factories import (
    CityDocumentFactory,
    NewsIndexPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from workinggroups.models import WorkingGroupIndexPage, WorkingGroupPage

SOURCE_LINE = "AMS, Strateginio plano rengėjų informacija"


class NewsRulesTests(WagtailPageTestCase):
    def test_news_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        for parent in (StandardPage, PlanIndexPage, WorkingGroupIndexPage, NewsIndexPage):
            self.assertCanNotCreateAt(parent, NewsIndexPage)

    def test_articles_live_in_the_news_index_and_have_no_children(self):
        self.assertCanCreateAt(NewsIndexPage, NewsArticlePage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())
        for parent in (HomePage, StandardPage, WorkingGroupPage, NewsArticlePage):
            self.assertCanNotCreateAt(parent, NewsArticlePage)


class NewsCreationTests(AdminPageTestCase):
    def test_editor_creates_the_news_index(self):
        self.assertCanCreate(
            self.home,
            NewsIndexPage,
            nested_form_data({"title": "Naujienos", "intro": "Apie planą.", "per_page": "5"}),
        )
        self.assertEqual(NewsIndexPage.objects.child_of(self.home).get().per_page, 5)
        self.home.refresh_from_db()  # numchild changed
        self.assertFalse(NewsIndexPage.can_create_at(self.home))

    def test_editor_creates_an_article_with_tags_groups_and_documents(self):
        news_index = NewsIndexPageFactory(parent=self.home)
        group = WorkingGroupPageFactory(parent=WorkingGroupIndexPageFactory(parent=self.home))
        order = CityDocumentFactory(title="Mero potvarkis Nr. M-18")
        data = nested_form_data(
            {
                "title": "Sudarytos darbo grupės",
                "date": "2020-06-10",
                "intro": "Sudarytos penkios teminės darbo grupės.",
                "body": rich_text("<p>Mero potvarkiu sudarytos darbo grupės.</p>"),
                "source_line": SOURCE_LINE,
                "tags": "darbo grupės, planas",
                "documents": inline_formset([{"document": str(order.pk)}]),
            }
        )
        data["related_groups"] = [str(group.pk)]
        self.assertCanCreate(news_index, NewsArticlePage, data)
        article = NewsArticlePage.objects.child_of(news_index).get()
        self.assertEqual(article.date, datetime.date(2020, 6, 10))
        self.assertEqual(article.source_line, SOURCE_LINE)
        self.assertEqual(sorted(tag.name for tag in article.tags.all()), ["darbo grupės", "planas"])
        self.assertEqual(list(article.related_groups.all()), [group])
        self.assertEqual([item.document for item in article.documents.all()], [order])
