"""Sitemaps per language: /sitemap.xml indexes one sitemap for each locale's page tree."""

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale

from core.visibility import public_q


class LanguageSitemap(Sitemap):
    """The live public pages of one language's tree (Wagtail's own lists the default one)."""

    language_code = None

    def items(self):
        home = self.get_wagtail_site().root_page
        locale = Locale.objects.filter(language_code=self.language_code).first()
        translation = locale and home.get_translation_or_none(locale)
        if translation is None:
            return []
        return (
            translation.get_descendants(inclusive=True)
            .live()
            .filter(public_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


SITEMAPS = {
    code: type(f"{code.title()}Sitemap", (LanguageSitemap,), {"language_code": code})
    for code, _name in settings.LANGUAGES
}
