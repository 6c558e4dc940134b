"""Base classes shared by the page tests."""

from wagtail.test.utils import WagtailPageTestCase

from tests.factories import HomePageFactory, build_site, ensure_locales, ensure_root


class AdminPageTestCase(WagtailPageTestCase):
    """Logged in as a superuser, beside a Lithuanian home page that has no sections yet."""

    @classmethod
    def setUpTestData(cls):
        cls.lt_locale, cls.en_locale = ensure_locales()
        cls.root = ensure_root(cls.lt_locale)
        cls.home = HomePageFactory(parent=cls.root)

    def setUp(self):
        self.user = self.login()


class BilingualSiteTestCase(WagtailPageTestCase):
    """A Lithuanian site with one page of every type and all of it translated into English.

    As in Mozilla's i18n test base: both locales, every page published in both languages.
    """

    @classmethod
    def setUpTestData(cls):
        cls.site_data = build_site()
        cls.lt = cls.site_data.lt
        cls.en = cls.site_data.en
