"""The admin in Lithuanian for every role: no English on the screens each role works with.

Each role's demo account (``home.demo.accounts``) prefers Lithuanian in its account settings
and uses a browser that asks for English; it opens the screens of its work (the dashboard,
the page explorer, a draft in the middle of its approval, the workflow history and reports,
the comment queue, the translation editor...). The visible text of each screen is searched
for English interface phrases: every message of Wagtail's and wagtail-localize's English
catalogues (``tests/i18n/english_ui.py``), so the test fails on any admin string left
untranslated, not only on a list of known ones. The JavaScript catalogues that the admin's
scripts read (the minimap, the comments, the translation editor) must translate every
message of Wagtail's and wagtail-localize's JavaScript catalogues.
"""

import json
import re
from html import unescape
from pathlib import Path

import polib

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import wagtail
import wagtail_localize
from wagtail.models import Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from feedback.models import PublicComment
from tests.approvals.helpers import (
    REVIEWER_ACCOUNTS,
    ROLE_ACCOUNTS,
    approve_task1,
    create_accounts,
    current_task_state,
    new_draft,
    submit,
    vote,
)
from tests.factories import build_site
from tests.feedback.helpers import make_comment
from tests.i18n.english_ui import english_phrases

BROWSER_LANGUAGE = "en"  # the browser asks for English; the account prefers Lithuanian
# English that no catalogue translates, on one screen each: Wagtail 8.0 labels a workflow's
# page choosers (for screen readers) with the field's name, "Page", as WorkflowPage.page has
# no verbose name.
UNTRANSLATABLE = {("administrator", "workflow"): {"Page"}}


def screens(site, draft, task_state, comment, english_standard):
    """Role -> {screen: address}: the screens each role works with."""
    lt, en = site.lt, site.en
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    workflow_history = reverse("wagtailadmin_pages:workflow_history", args=[draft.pk])
    common = {"dashboard": "/admin/", "account": "/admin/account/"}
    return {
        "editor": {
            **common,
            "explorer": reverse("wagtailadmin_explore", args=[lt["plan_index"].pk]),
            "search": "/admin/pages/search/?q=planas",
            "draft in approval": edit,
            "news article in approval": reverse("wagtailadmin_pages:edit", args=[lt["article"].pk]),
            "new plan draft": reverse(
                "wagtailadmin_pages:add", args=["plans", "plandraftpage", lt["plan_index"].pk]
            ),
            "workflow history": workflow_history,
            "page history": reverse("wagtailadmin_pages:history", args=[draft.pk]),
            "workflows report": "/admin/reports/workflow/",
            "workflow tasks report": "/admin/reports/workflow_tasks/",
            "aging pages report": "/admin/reports/aging-pages/",
            "site history report": "/admin/reports/site-history/",
            "documents": "/admin/documents/",
            "images": "/admin/images/",
        },
        "coordinator": {
            **common,
            "draft it approved": edit,
            "workflow history": workflow_history,
            "its working group": reverse("wagtailadmin_pages:edit", args=[lt["group"].pk]),
            "its working group's pages": reverse("wagtailadmin_explore", args=[lt["group"].pk]),
        },
        "reviewer": {
            **common,
            "draft to vote on": edit,
            "vote": reverse(
                "wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]
            ),
            "workflow history": workflow_history,
        },
        "moderator": {
            **common,
            "comment queue": "/admin/comments/",
            "flagged comments": "/admin/comments/?status=flagged",
            "comment thread": f"/admin/comments/{comment.pk}/",
        },
        "translator": {
            **common,
            "English pages": reverse("wagtailadmin_explore", args=[en["home"].pk]),
            "translation editor": reverse("wagtailadmin_pages:edit", args=[english_standard.pk]),
            "English news article": reverse("wagtailadmin_pages:edit", args=[en["article"].pk]),
            "translations to do": "/admin/reports/translations-to-do/",
            "translate a page": reverse(
                "wagtail_localize:submit_page_translation", args=[lt["news_index"].pk]
            ),
        },
        "administrator": {
            **common,
            "explorer": reverse("wagtailadmin_explore", args=[lt["home"].pk]),
            "news article to approve": reverse("wagtailadmin_pages:edit", args=[lt["article"].pk]),
            "draft in approval": edit,
            "workflows": "/admin/workflows/list/",
            "workflow": reverse(
                "wagtailadmin_workflows:edit",
                args=[Workflow.objects.get(name="Consultative approval").pk],
            ),
            "tasks": "/admin/workflows/tasks/index/",
            "users": "/admin/users/",
            "groups": "/admin/groups/",
            "workflows report": "/admin/reports/workflow/",
            "locked pages report": "/admin/reports/locked/",
            "comment queue": "/admin/comments/",
        },
    }


def visible_html(response):
    """The HTML a screen shows: a modal's HTML comes inside JSON."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def translate_in_the_editor(page, locale, **texts):
    """A wagtail-localize translation of ``page`` into ``locale`` with some of its fields
    translated (as a translator does in the editor); returns the translated page."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation_ = Translation.objects.create(source=source, target_locale=locale)
    translation_.save_target()
    for path, text in texts.items():
        segment = StringSegment.objects.get(source=source, context__path=path)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    translation_.save_target()  # the translator saves the translated draft
    return page.get_translation(locale)


class AdminInLithuanianTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.users = create_accounts(cls.site)
        for user in cls.users.values():
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "lt"
            profile.save()
        # A plan draft at the Consultative group's vote (one member has voted), a news article
        # awaiting its editorial approval, comments for the moderator, a translation in hand.
        cls.draft = new_draft(cls.site, title="Plano projektas 0.2")
        submit(cls.draft, cls.users["editor"])
        approve_task1(cls.draft, cls.users["coordinator"])
        vote(cls.draft, cls.users[REVIEWER_ACCOUNTS[1]], "approve")
        cls.task_state = current_task_state(cls.draft)
        submit(cls.site.lt["article"], cls.users["editor"])
        article = cls.site.lt["article"]
        make_comment(article, status=PublicComment.Status.HELD, comment="Kada posėdis?")
        cls.comment = make_comment(
            article, status=PublicComment.Status.FLAGGED, comment="Įžeidus komentaras."
        )
        cls.english_standard = translate_in_the_editor(
            cls.site.lt["standard"], cls.site.en_locale, title="About the plan"
        )
        cls.screens = screens(
            cls.site, cls.draft, cls.task_state, cls.comment, cls.english_standard
        )
        cls.names = {
            name
            for user in cls.users.values()
            for name in (user.get_username(), user.first_name, user.get_full_name())
        }

    def english_on_screens(self, role):
        """{screen: English phrases} of the role's screens (every screen must open)."""
        self.client.force_login(self.users[ROLE_ACCOUNTS[role]])
        found = {}
        for name, url in self.screens[role].items():
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=BROWSER_LANGUAGE)
            self.assertEqual(response.status_code, 200, f"{role}: {name} ({url})")
            phrases = english_phrases(visible_html(response), names=self.names)
            phrases = sorted(set(phrases) - UNTRANSLATABLE.get((role, name), set()))
            if phrases:
                found[name] = phrases
        return found

    def assert_lithuanian(self, role):
        found = self.english_on_screens(role)
        report = "\n".join(f"  {screen}: {phrases}" for screen, phrases in found.items())
        self.assertEqual(found, {}, f"English on the {role}'s screens:\n{report}")

    def test_the_editor_meets_no_english(self):
        self.assert_lithuanian("editor")

    def test_the_coordinator_meets_no_english(self):
        self.assert_lithuanian("coordinator")

    def test_the_reviewer_meets_no_english(self):
        self.assert_lithuanian("reviewer")

    def test_the_moderator_meets_no_english(self):
        self.assert_lithuanian("moderator")

    def test_the_translator_meets_no_english(self):
        self.assert_lithuanian("translator")

    def test_the_administrator_meets_no_english(self):
        self.assert_lithuanian("administrator")

    def test_the_sign_in_page_in_lithuanian(self):
        response = self.client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="lt")
        html = response.content.decode()
        self.assertEqual(english_phrases(html), [])
        self.assertIn("Slaptažodis", html)
        self.assertIn('placeholder="Įveskite savo vartotojo vardą"', html)

    def test_the_detector_finds_english(self):
        """The same screens in an English-speaking editor's admin are full of the English
        phrases the detector looks for (so an empty list above means Lithuanian)."""
        profile = UserProfile.get_for_user(self.users["editor"])
        profile.preferred_language = "en"
        profile.save()
        found = self.english_on_screens("editor")
        self.assertIn("Search all pages…", found["dashboard"])
        self.assertIn("Toggle sidebar", found["draft in approval"])  # from the sidebar's JSON
        self.assertIn("In Moderation", found["draft in approval"])
        self.assertGreater(sum(map(len, found.values())), 300)

    # --- What the issue saw ----------------------------------------------------------------

    def test_the_reviewers_lock_banner_names_the_step_and_the_workflow_in_lithuanian(self):
        self.client.force_login(self.users["reviewer1"])
        html = self.client.get(self.screens["reviewer"]["draft to vote on"]).content.decode()
        self.assertIn(
            "Puslapis laukia etapo <b>„Konsultacinės darbo grupės sprendimas“</b> darbo eigoje "
            "<b>„Konsultacinės darbo grupės tvirtinimas“</b>.",
            html,
        )
        self.assertNotIn("puslapis is awaiting", html)

    def test_status_badges_and_workflow_actions_in_lithuanian(self):
        self.client.force_login(self.users["administrator"])
        html = self.client.get(self.screens["administrator"]["draft in approval"]).content
        html = html.decode()
        self.assertIn("Tvirtinamas", html)  # "In Moderation"
        self.assertIn("Atšaukti darbo eigą", html)  # "Cancel workflow"
        self.assertIn("Suskleisti viską", self.javascript_catalog("/admin/jsi18n/").values())
        with translation.override("lt"):
            self.assertEqual(
                translation.gettext("live + in moderation"), "paskelbtas + tvirtinamas"
            )
            self.assertEqual(translation.gettext("Request changes"), "Prašyti pakeitimų")

    def test_times_ago_in_lithuanian(self):
        """ "Prieš 10 minutes" was Django's untranslated message: Lithuanian takes the
        accusative after "prieš" (1 minutę, 2 minutes, 10 minučių)."""
        with translation.override("lt"):
            for count, words in ((1, "1 minutę"), (2, "2 minutes"), (10, "10 minučių")):
                self.assertEqual(
                    translation.ngettext("%(num)d minute", "%(num)d minutes", count)
                    % {"num": count},
                    words,
                )

    def test_the_content_languages_are_named_in_the_admins_language(self):
        """ "Publish in English" reads "Publikuoti anglų kalba", not "Publikuoti English"."""
        with translation.override("lt"):
            self.assertEqual(self.site.en_locale.get_display_name(), "anglų kalba")
        with translation.override("en"):
            self.assertEqual(self.site.en_locale.get_display_name(), "English")
            self.assertEqual(self.site.lt_locale.get_display_name(), "Lithuanian")

    def test_the_translation_editor_dates_in_lithuanian(self):
        """wagtail-localize's note on each segment ("Translated manually on 6 December
        2026") carries the date in the translator's language."""
        self.client.force_login(self.users["translator"])
        html = self.client.get(self.screens["translator"]["translation editor"]).content.decode()
        props = json.loads(unescape(re.search(r'data-props="([^"]*)"', html).group(1)))
        notes = {row["comment"] for row in props["initialStringTranslations"]}
        with translation.override("lt"):
            today = date_format(timezone.localdate(), "DATE_FORMAT")
        self.assertIn(f"Išversta rankiniu būdu {today}", notes)  # "2026 m. gruodžio 6 d."

    def test_an_english_translation_gets_the_slug_of_its_english_title(self):
        """Translating the title moves the slug (not left at the Lithuanian "apie-plana")."""
        self.assertEqual(self.english_standard.slug, "about-the-plan")
        self.assertEqual(self.english_standard.url, "/en/about-the-plan/")

    # --- The scripts' messages ---------------------------------------------------------

    def javascript_catalog(self, url):
        self.client.force_login(self.users["translator"])
        script = self.client.get(url, HTTP_ACCEPT_LANGUAGE=BROWSER_LANGUAGE).content.decode()
        return json.loads(re.search(r"newcatalog = (\{.*?\n  \});", script, re.S).group(1))

    def test_the_javascript_catalogues_translate_every_message(self):
        for url, package in (
            ("/admin/jsi18n/", Path(wagtail.__file__).parent / "admin"),
            ("/admin/localize/jsi18n/", Path(wagtail_localize.__file__).parent),
        ):
            catalog = self.javascript_catalog(url)
            english = polib.pofile(str(package / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"))
            missing = [
                entry.msgid
                for entry in english
                if entry.msgid
                and not catalog.get(
                    entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
                )
            ]
            self.assertEqual(missing, [], url)
