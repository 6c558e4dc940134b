"""The Wagtail admin speaks each editor's language: Lithuanian or English, as chosen in the
account's preferences, whatever language the browser asks for.

The Lithuanian texts are read from the same catalogues the admin uses (Wagtail's, ours in
locale/ and feedback/locale/); `lithuanian` fails if one of them is not translated, so an
assertion cannot pass on an English fallback.
"""

import json
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import translation

from wagtail.admin.menu import help_menu, reports_menu
from wagtail.users.models import UserProfile
from wagtail.utils.version import get_main_version

from tests.factories import HomePageFactory, ensure_locales, ensure_root

ACCOUNT_URL = "/admin/account/"
REPORT_URL = "/admin/reports/translations-to-do/"
QUEUE_URL = "/admin/comments/"

# Wagtail's own texts on the dashboard's menu and in the page explorer.
WAGTAIL_MENU = ["Pages", "Reports", "Settings", "Log out"]
WAGTAIL_EXPLORER = ["Sort menu order", "Title", "Status", "Type", "Add child page"]
# Ours: the admin menu items of the comments, the translators' report and the search log.
OUR_MENU = ["Moderation queue", "Blocked words", "Translations to do", "Frequent searches"]
OUR_REPORT = [
    "Translations to do",
    "Lithuanian pages whose translation is missing (readers see the Lithuanian original with "
    "a notice) or older than the Lithuanian page.",
    "Source published",
    "Not translated",  # the home page, which has no English translation here
]
OUR_QUEUE = [("comment queue", "Held"), ("comment queue", "Flagged"), (None, "All pages")]
ALL_PAGES_OPTION = '<option value="">%s</option>'


def lithuanian(message, context=None):
    with translation.override("lt"):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    assert text != message, f"{message!r} has no Lithuanian translation"
    return str(text)


def editor(username, preferred_language):
    """A superuser (who sees every admin screen) whose admin language is set."""
    user = get_user_model().objects.create_superuser(
        username, f"{username}@example.org", "pw", first_name=username, last_name="Test"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preferred_language
    profile.save()
    return user


def html_lang(html):
    return re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", html).group(1)


def menu_labels(html):
    """The labels of the admin's menu (the sidebar, rendered by JavaScript from JSON)."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    labels = []

    def collect(value):
        if isinstance(value, dict):
            if isinstance(value.get("label"), str):
                labels.append(value["label"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(json.loads(props.group(1)))
    return labels


def language_choices(html):
    select = re.search(
        r'<select name="locale-preferred_language"[^>]*>(.*?)</select>', html, re.S
    ).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        lt_locale, _en_locale = ensure_locales()
        cls.home = HomePageFactory(parent=ensure_root(lt_locale))
        cls.lithuanian_editor = editor("lithuanian", "lt")
        cls.english_editor = editor("english", "en")

    def get(self, user, url, browser_language):
        self.client.force_login(user)
        response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=browser_language)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    # --- Wagtail's own screens ----------------------------------------------------------

    def test_the_menus_speak_lithuanian_after_an_english_administrator(self):
        """Wagtail and wagtail-localize label two menu items once a worker: the menus are
        built again here with an English request first, as after a restart."""
        whats_new = "What's new in Wagtail %(version)s"
        version = {"version": get_main_version(include_patch=False)}
        for menu in (reports_menu, help_menu):
            menu.__dict__.pop("registered_menu_items", None)  # its cached_property
        english = menu_labels(self.get(self.english_editor, "/admin/", browser_language="lt"))
        self.assertIn(whats_new % version, english)
        self.assertIn("Translations", english)
        labels = menu_labels(self.get(self.lithuanian_editor, "/admin/", browser_language="en"))
        self.assertIn(lithuanian(whats_new) % version, labels)
        self.assertIn(lithuanian("Translations"), labels)
        self.assertNotIn("Translations", labels)

    def test_lithuanian_preference_gives_a_lithuanian_dashboard(self):
        html = self.get(self.lithuanian_editor, "/admin/", browser_language="en")
        self.assertEqual(html_lang(html), "lt")
        labels = menu_labels(html)
        for message in WAGTAIL_MENU:
            self.assertIn(lithuanian(message), labels)
            self.assertNotIn(message, labels)

    def test_lithuanian_preference_gives_a_lithuanian_page_explorer(self):
        html = self.get(
            self.lithuanian_editor, f"/admin/pages/{self.home.pk}/", browser_language="en"
        )
        self.assertEqual(html_lang(html), "lt")
        for message in WAGTAIL_EXPLORER:
            self.assertIn(lithuanian(message), html)
        self.assertNotIn("Sort menu order", html)

    def test_english_preference_gives_an_english_admin(self):
        html = self.get(self.english_editor, "/admin/", browser_language="lt")
        self.assertEqual(html_lang(html), "en")
        labels = menu_labels(html)
        for message in WAGTAIL_MENU + OUR_MENU:
            self.assertIn(message, labels)
            self.assertNotIn(lithuanian(message), labels)

        html = self.get(self.english_editor, f"/admin/pages/{self.home.pk}/", "lt")
        self.assertEqual(html_lang(html), "en")
        for message in WAGTAIL_EXPLORER:
            self.assertIn(message, html)
            self.assertNotIn(lithuanian(message), html)

    # --- The preference itself ----------------------------------------------------------

    def test_the_preferences_offer_lithuanian_and_english_only(self):
        # The languages our own admin strings are translated into (the setting
        # WAGTAILADMIN_PERMITTED_LANGUAGES), not all of Wagtail's, where our screens would
        # stay in English.
        html = self.get(self.english_editor, ACCOUNT_URL, browser_language="en")
        self.assertIn("Preferred language", html)
        choices = language_choices(html)
        self.assertEqual([value for value, _label in choices], ["", "en", "lt"])
        self.assertEqual(dict(choices)["lt"], "Lietuviškai")
        self.assertEqual(dict(choices)["en"], "English")

    def test_choosing_lithuanian_in_the_preferences_switches_the_admin(self):
        self.client.force_login(self.english_editor)
        response = self.client.post(
            ACCOUNT_URL,
            {
                "name_email-first_name": "english",
                "name_email-last_name": "Test",
                "name_email-email": "english@example.org",
                "locale-preferred_language": "lt",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-contrast": "system",
                "theme-density": "default",
                "theme-keyboard_shortcuts": "on",
            },
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )
        html = response.content.decode()
        self.assertEqual(html_lang(html), "lt")
        # The preferences page again, now in Lithuanian, with Lithuanian chosen. (Wagtail's
        # "settings changed" message itself stays in the language the request began in.)
        self.assertIn(lithuanian("Preferred language"), html)
        self.assertIn('<option value="lt" selected>', html)
        html = self.get(self.english_editor, "/admin/", browser_language="en")
        self.assertEqual(html_lang(html), "lt")
        self.assertIn(lithuanian("Pages"), menu_labels(html))

    # --- Our own admin screens ----------------------------------------------------------

    def test_our_menu_items_are_in_lithuanian(self):
        labels = menu_labels(self.get(self.lithuanian_editor, "/admin/", browser_language="en"))
        for message in OUR_MENU:
            self.assertIn(lithuanian(message), labels)
            self.assertNotIn(message, labels)

    def test_the_translators_report_in_lithuanian(self):
        html = self.get(self.lithuanian_editor, REPORT_URL, browser_language="en")
        self.assertEqual(html_lang(html), "lt")
        for message in OUR_REPORT:
            self.assertIn(lithuanian(message), html)
            self.assertNotIn(message, html)

    def test_the_comment_moderation_queue_in_lithuanian(self):
        html = self.get(self.lithuanian_editor, QUEUE_URL, browser_language="en")
        self.assertEqual(html_lang(html), "lt")
        for context, message in OUR_QUEUE:
            self.assertIn(lithuanian(message, context), html)
        self.assertNotIn(ALL_PAGES_OPTION % "All pages", html)

    def test_our_screens_in_english_for_an_english_editor(self):
        html = self.get(self.english_editor, REPORT_URL, browser_language="lt")
        self.assertEqual(html_lang(html), "en")
        for message in OUR_REPORT:
            self.assertIn(message, html)
        html = self.get(self.english_editor, QUEUE_URL, browser_language="lt")
        self.assertIn(ALL_PAGES_OPTION % "All pages", html)
        self.assertIn("Held", html)
