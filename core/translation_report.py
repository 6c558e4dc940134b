"""The translators' report: pages whose translation is missing or older than the source.

Lithuanian is the source language; for every live Lithuanian page and every other locale the
report says whether the translation is missing (no page, or only the alias that the locale
synchronisation shows until a translator translates it) or outdated (the source was
published after its strings were last synced into wagtail-localize, or they were synced
after the translation was last published), with links to wagtail-localize's views.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

MISSING = "missing"
OUTDATED = "outdated"
STATUS_LABELS = {
    MISSING: _("Not translated"),
    OUTDATED: _("Source changed after the translation"),
}


@dataclass
class Row:
    page: Page
    locale: Locale
    status: str
    translation: Page | None
    source_changed_at: object
    translated_at: object
    translate_url: str
    update_url: str | None = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def translated_at(translation):
    """When the translation was last published: its latest revision when that one is live
    (wagtail-localize publishes a revision without moving last_published_at)."""
    if translation.live and not translation.has_unpublished_changes:
        return translation.latest_revision_created_at or translation.last_published_at
    return translation.last_published_at


def _is_outdated(page, translation, source, localize_translation):
    if source is None:  # translated outside wagtail-localize (a copy): compare publications
        return bool(
            page.last_published_at
            and translated_at(translation)
            and page.last_published_at > translated_at(translation)
        )
    if page.last_published_at and page.last_published_at > source.last_updated_at:
        return True  # the source changed and its strings were not synced since
    synced_into_page = (
        localize_translation.destination_last_updated_at if localize_translation else None
    )
    published = translated_at(translation)
    if synced_into_page and synced_into_page > source.last_updated_at:
        return False
    return bool(published and source.last_updated_at > published)


def translation_report_rows():
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source_locale is None:
        return []
    targets = list(Locale.objects.exclude(pk=source_locale.pk).order_by("language_code"))
    pages = list(
        Page.objects.filter(locale=source_locale, depth__gt=1, alias_of__isnull=True)
        .live()
        .order_by("path")
    )
    keys = [page.translation_key for page in pages]
    translations = {
        (p.translation_key, p.locale_id): p
        for p in Page.objects.filter(translation_key__in=keys, locale__in=targets)
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=source_locale)
    }
    localize_translations = {
        (t.source_id, t.target_locale_id): t
        for t in Translation.objects.filter(source__in=sources.values(), target_locale__in=targets)
    }
    rows = []
    for page in pages:
        source = sources.get(page.translation_key)
        for locale in targets:
            translation = translations.get((page.translation_key, locale.pk))
            submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            if translation is None or translation.alias_of_id:
                rows.append(
                    Row(
                        page, locale, MISSING, translation, page.last_published_at, None, submit_url
                    )
                )
                continue
            localize_translation = source and localize_translations.get((source.pk, locale.pk))
            if _is_outdated(page, translation, source, localize_translation):
                rows.append(
                    Row(
                        page,
                        locale,
                        OUTDATED,
                        translation,
                        page.last_published_at,
                        translated_at(translation),
                        reverse("wagtailadmin_pages:edit", args=[translation.pk]),
                        reverse("wagtail_localize:update_translations", args=[source.pk])
                        if source
                        else None,
                    )
                )
    return rows
