"""The site's chrome comes from a cache (core.chrome, `{% cache %}` fragments keyed on its
generation): what a reader sees must still follow every change at once; and pages are
found by Wagtail's own routing."""

import re

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail_localize.models import LocaleSynchronization

from core import chrome
from home.models import SiteSettings, StandardPage
from news.models import NewsArticlePage
from plans.models import IndicatorValue, PlanDraftPage
from plans.tree import walk
from tests.base import BilingualSiteTestCase
from tests.factories import (
    CityDocumentFactory,
    CityImageFactory,
    NewsArticlePageFactory,
    PlanDraftPageFactory,
    StandardPageFactory,
    WorkingGroupPageFactory,
    translate,
)
from tests.plans.plan_data import plan_tree
from workinggroups.models import Membership


def section(html, name):
    match = re.search(rf'<nav class="{name}".*?</nav>', html, re.S)
    assert match, f"the page has no {name}"
    return match.group(0)


class ShellFollowsChangesTests(BilingualSiteTestCase):
    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_main_menu_shows_a_published_section_and_drops_it_when_unpublished(self):
        reader_page = self.lt["meeting"]
        self.get(reader_page)  # the menu is now cached
        new = StandardPageFactory(parent=self.lt["home"], title="Konsultacijų kalendorius")
        new.save_revision().publish()
        self.assertIn("Konsultacijų kalendorius", section(self.get(reader_page), "main-menu"))
        new.unpublish()
        self.assertNotIn("Konsultacijų kalendorius", section(self.get(reader_page), "main-menu"))

    def test_breadcrumbs_show_a_renamed_section(self):
        meeting = self.lt["meeting"]
        self.assertIn(self.lt["group"].title, section(self.get(meeting), "breadcrumbs"))
        group = self.lt["group"]
        group.title = "Ekonomikos, verslo ir investicijų darbo grupė"
        group.save_revision().publish()
        self.assertIn(
            "Ekonomikos, verslo ir investicijų darbo grupė",
            section(self.get(meeting), "breadcrumbs"),
        )

    def test_a_private_section_leaves_the_menu_and_asks_for_login(self):
        standard = self.lt["standard"]
        self.assertIn(standard.title, section(self.get(self.lt["home"]), "main-menu"))
        restriction = PageViewRestriction.objects.create(
            page=standard, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertNotIn(standard.title, section(self.get(self.lt["home"]), "main-menu"))
        response = self.client.get(standard.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailcore_login"), response["Location"])

        restriction.delete()
        self.assertIn(standard.title, section(self.get(self.lt["home"]), "main-menu"))
        self.assertEqual(self.client.get(standard.url).status_code, 200)

    def test_a_section_for_a_group_of_users_stays_private_to_others(self):
        editors = Group.objects.create(name="Plan editors")
        restriction = PageViewRestriction.objects.create(
            page=self.lt["group_index"], restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(editors)
        self.assertNotIn(
            self.lt["group_index"].title, section(self.get(self.lt["home"]), "main-menu")
        )
        # A page below the restricted one is private too.
        self.assertEqual(self.client.get(self.lt["meeting"].url).status_code, 302)

    def test_footer_shows_changed_site_settings(self):
        self.assertIn("Rotušės a. 4", self.get(self.lt["article"]))
        settings = SiteSettings.objects.get()
        settings.address = "Rotušės a. 5, LT-62504 Alytus"
        settings.save()
        self.assertIn("Rotušės a. 5", self.get(self.lt["article"]))

    def test_the_search_page_follows_the_site_settings_and_the_groups(self):
        def search_page(**params):
            response = self.client.get(reverse("search"), {"q": "planas", **params})
            self.assertEqual(response.status_code, 200)
            return response.content.decode()

        self.assertIn(">Alytaus miesto savivaldybė</span>", search_page())
        settings = SiteSettings.objects.get()
        settings.municipality_name = "Alytaus m. savivaldybė"
        settings.save()
        self.assertIn(">Alytaus m. savivaldybė</span>", search_page())

        group = WorkingGroupPageFactory(parent=self.lt["group_index"], title="Jaunimo grupė")
        group.save_revision().publish()
        self.assertIn(f'<option value="{group.pk}">Jaunimo grupė</option>', search_page())
        self.assertIn(
            f'<option value="{group.pk}" selected>Jaunimo grupė</option>',
            search_page(group=group.pk),
        )
        group.title = "Jaunimo ir sporto grupė"
        group.save_revision().publish()
        self.assertIn(">Jaunimo ir sporto grupė</option>", search_page())

    def test_language_switcher_leads_to_a_new_translation(self):
        article = NewsArticlePageFactory(
            parent=self.lt["news_index"], title="Naujas straipsnis", slug="naujas-straipsnis"
        )
        html = self.get(article)
        self.assertRegex(section(html, "language-switcher"), r'href="/en/"[^>]*lang="en"')
        english = translate(article, self.site_data.en_locale, "A new article")
        html = self.get(article)
        self.assertIn(f'href="{english.url}" lang="en"', section(html, "language-switcher"))

    def test_an_article_follows_its_working_groups(self):
        article, group = self.lt["article"], self.lt["group"]
        self.assertIn(f'<a href="{group.url}">{group.title}</a>', self.get(article))
        group.title = "Ekonomikos ir investicijų darbo grupė"
        group.save_revision().publish()
        self.assertIn("Ekonomikos ir investicijų darbo grupė</a>", self.get(article))
        group.unpublish()
        self.assertNotIn("Ekonomikos ir investicijų darbo grupė", self.get(article))
        group.save_revision().publish()
        self.assertIn("Ekonomikos ir investicijų darbo grupė</a>", self.get(article))
        # A group in a private section is not named on a public article.
        PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.LOGIN)
        self.assertNotIn("Ekonomikos ir investicijų darbo grupė", self.get(article))

    def test_a_working_group_follows_its_meetings_and_members(self):
        group, meeting = self.lt["group"], self.lt["meeting"]
        self.assertIn(f">{meeting.title}</a>", self.get(group))
        meeting.title = "Posėdis perkeltas į rudenį"
        meeting.cancelled = True
        meeting.save_revision().publish()
        html = self.get(group)
        self.assertIn(">Posėdis perkeltas į rudenį</a>", html)
        self.assertIn('<span class="badge">Atšauktas</span>', html)
        group.memberships.add(
            Membership(
                locale=group.locale,
                role="Pirmininkas",
                organisation="Alytaus kolegija",
                category=Membership.Category.ORGANISATION,
            )
        )
        group.save_revision().publish()
        self.assertIn("Alytaus kolegija", self.get(group))
        PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
        self.assertNotIn("Posėdis perkeltas į rudenį", self.get(group))

    def test_a_plan_section_shows_an_image_as_edited(self):
        draft, image = self.lt["draft"], CityImageFactory(alt_text="Nemuno krantinė")
        draft.sections = [
            ("section", {"heading": "Kraštovaizdis", "body": [("figure", {"image": image})]})
        ]
        draft.save_revision().publish()
        self.assertIn('alt="Nemuno krantinė"', self.get(draft))
        image.alt_text = "Nemuno krantinė po rekonstrukcijos"
        image.save()
        self.assertIn('alt="Nemuno krantinė po rekonstrukcijos"', self.get(draft))

    def test_a_new_tag_leaves_the_cached_pages_alone(self):
        before = chrome.generation()
        Tag.objects.create(name="nauja tema", slug="nauja-tema")
        self.assertEqual(chrome.generation(), before)

    def test_an_article_shows_a_document_as_edited(self):
        article = self.lt["article"]
        document = article.documents.get().document
        self.assertIn(f">{document.title}</a>", self.get(article))
        document.title = "Mero potvarkis dėl darbo grupių (pataisytas)"
        document.save()
        self.assertIn(">Mero potvarkis dėl darbo grupių (pataisytas)</a>", self.get(article))

    def test_a_document_link_in_a_text_follows_the_document(self):
        document = CityDocumentFactory(title="Potvarkis")
        article = NewsArticlePageFactory(
            parent=self.lt["news_index"],
            body=f'<p>Žr. <a linktype="document" id="{document.pk}">potvarkį</a>.</p>',
        )
        self.assertIn(f'<a href="{document.url}">potvarkį</a>', self.get(article))
        old_url = document.url
        document.file.save("potvarkis-nr-m-18.pdf", ContentFile(b"%PDF-1.4\n"))
        self.assertNotEqual(document.url, old_url)
        self.assertIn(f'<a href="{document.url}">potvarkį</a>', self.get(article))
        document.delete()
        self.assertIn("<a>potvarkį</a>", self.get(article))

    def test_an_article_shows_a_renamed_topic(self):
        article = self.lt["article"]
        self.assertIn(">darbo grupės</a>", self.get(article))
        tag = Tag.objects.get(name="darbo grupės")
        tag.name = "darbo grupės ir komisijos"
        tag.save()
        self.assertIn(">darbo grupės ir komisijos</a>", self.get(article))

    def test_an_article_preview_shows_the_unsaved_groups_not_the_published_ones(self):
        article, group = self.lt["article"], self.lt["group"]
        self.get(article)  # the published relations are cached now
        other = WorkingGroupPageFactory(parent=self.lt["group_index"], title="Jaunimo grupė")
        draft = NewsArticlePage.objects.get(pk=article.pk)
        draft.related_groups = [other]  # in the editor's form, not saved
        preview = draft.make_preview_request().content.decode()
        self.assertIn("Jaunimo grupė</a>", preview)
        self.assertNotIn(f"{group.title}</a>", preview)
        self.assertIn(f"{group.title}</a>", self.get(article))


class ShellMarkupTests(BilingualSiteTestCase):
    """The header and footer are rendered once per shell generation (core.chrome):
    what differs by visitor or request stays outside, or is never kept."""

    def test_an_editor_gets_the_userbar_on_a_page_a_reader_opened_first(self):
        article = self.lt["article"]
        self.assertNotIn("wagtail-userbar", self.client.get(article.url).content.decode())
        self.client.force_login(User.objects.create_superuser("redaktore", "r@example.lt", "x"))
        html = self.client.get(article.url).content.decode()
        self.assertIn("wagtail-userbar", html)
        self.assertIn('<header class="site-header">', html)

    def test_the_search_box_shows_each_visitors_own_query(self):
        for query in ("darbo grupės", "<b>planas</b>"):
            html = self.client.get(reverse("search"), {"q": query}).content.decode()
            header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
            self.assertIn(f'name="q" value="{escape(query)}"', header)

    def test_the_menu_marks_the_section_being_read(self):
        news_index = self.lt["news_index"].url
        for key in ("standard", "news_index", "article"):
            with self.subTest(page=key):
                menu = section(self.client.get(self.lt[key].url).content.decode(), "main-menu")
                current = re.findall(r'href="([^"]+)"[^>]*aria-current', menu)
                expected = news_index if key != "standard" else self.lt["standard"].url
                self.assertEqual(current, [expected])


class UntranslatedTitlesCarryTheirLanguageTests(BilingualSiteTestCase):
    def test_english_menu_and_breadcrumbs_mark_lithuanian_titles(self):
        section_page = StandardPageFactory(
            parent=self.lt["home"], title="Gyventojų apklausa", slug="apklausa"
        )
        StandardPageFactory(parent=section_page, title="Apklausos rezultatai", slug="rezultatai")
        LocaleSynchronization.objects.create(
            locale=self.site_data.en_locale, sync_from=self.site_data.lt_locale
        ).sync_trees()
        alias = section_page.get_translation(self.site_data.en_locale)
        child_alias = alias.get_children().get()

        menu = section(self.get(self.en["home"]), "main-menu")
        self.assertIn(f'<a href="{alias.url}" lang="lt">Gyventojų apklausa</a>', menu)
        self.assertIn(f'<a href="{self.en["standard"].url}">', menu)  # translated: no lang

        crumbs = section(self.get(child_alias), "breadcrumbs")
        self.assertIn(f'<a href="{alias.url}" lang="lt">Gyventojų apklausa</a>', crumbs)
        self.assertIn('aria-current="page" lang="lt">Apklausos rezultatai</a>', crumbs)

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class RoutingTests(BilingualSiteTestCase):
    def test_pages_at_every_depth_are_found(self):
        for key in ("standard", "group", "meeting", "draft", "article"):
            for pages in (self.lt, self.en):
                with self.subTest(page=key, language=pages["home"].locale.language_code):
                    response = self.client.get(pages[key].url)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f"<h1>{pages[key].title}</h1>", html=True)

    def test_a_missing_page_below_existing_ones_is_not_found(self):
        for url in (
            f"{self.lt['group'].url}nera/",
            f"{self.lt['meeting'].url}nera/giliau/",
            f"{self.lt['group_index'].url}nera/{self.lt['meeting'].slug}/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_routable_index_answers_its_own_routes_before_a_child_of_that_name(self):
        # Wagtail's walk asks the news index first: its RSS feed wins over an article "rss".
        NewsArticlePageFactory(parent=self.lt["news_index"], title="RSS naujienos", slug="rss")
        response = self.client.get(f"{self.lt['news_index'].url}rss/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("xml", response["Content-Type"])
        article = self.client.get(self.lt["article"].url)
        self.assertEqual(article.status_code, 200)

    def test_an_unpublished_page_is_not_found_even_below_a_published_one(self):
        meeting = self.lt["meeting"]
        meeting.unpublish()
        self.assertEqual(self.client.get(meeting.url).status_code, 404)

    def test_a_section_finds_a_child_of_another_type_too(self):
        # A section index reads its own type of child in one query (core.routing); a page of
        # another type under it (made in code, or before the section's rules) is still found.
        page = self.lt["news_index"].add_child(
            instance=StandardPage(
                title="Naujienų archyvas", slug="archyvas", locale=self.lt["home"].locale
            )
        )
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Naujienų archyvas</h1>", html=True)
        # The home page reads its sections of several types in one query; an article made
        # below it in code is still found.
        article = NewsArticlePageFactory(
            parent=self.lt["home"], title="Archyvo naujiena", slug="archyvo-naujiena"
        )
        response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Archyvo naujiena</h1>", html=True)
        self.assertEqual(self.client.get(f"{self.lt['home'].url}nera/").status_code, 404)


class HomePlanProgressTests(BilingualSiteTestCase):
    def test_home_shows_progress_of_new_indicator_values(self):
        plan = PlanDraftPageFactory(
            parent=self.lt["plan_index"],
            title="Planas 1.0",
            slug="planas-1-0",
            stage=PlanDraftPage.Stage.ADOPTED,
            plan_tree=plan_tree(),
        )
        plan.save_revision().publish()
        plan = PlanDraftPage.objects.get(pk=plan.pk)
        home = self.lt["home"]
        summary = re.compile(r'<ul class="progress-summary">.*?</ul>', re.S)
        self.assertIn("Reikšmių dar nėra", summary.search(self.get_html(home)).group(0))

        indicator = next(e for e in walk(plan.outline()) if e.kind == "indicator")
        # Baseline 10 (2019), target 20 in 2030: 15 is half the way.
        IndicatorValue.objects.create(plan=plan, indicator_id=indicator.id, year=2024, value=15)
        self.assertIn("width: 50%", summary.search(self.get_html(home)).group(0))
        self.assertNotIn("Reikšmių dar nėra", summary.search(self.get_html(home)).group(0))

    def get_html(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()
