"""Makes the English pages through wagtail-localize, as a translator working in the admin would.

For each Lithuanian page (parents first) `sync_translation` brings the page's
`TranslationSource` up to date, opens a `Translation` into English, fills one
`StringTranslation` per source string from the glossary, saves the English page with
`Translation.save_target` and publishes it. The English pages stay "synced" translations:
a translator can change any string later in wagtail-localize's editor.
"""

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .bilingual import DemoContentError


class MissingTranslationsError(DemoContentError):
    """Some Lithuanian strings of a page have no English text in the glossary."""

    def __init__(self, page, strings):
        self.page = page
        self.strings = strings
        listing = "\n".join(f"  - {string!r}" for string in strings)
        super().__init__(f"No English text for these strings of {page.url_path!r}:\n{listing}")


class InvalidTranslationError(DemoContentError):
    """wagtail-localize refused an English string (it would fall back to Lithuanian)."""


def sync_translation(page, locale, glossary):
    """Create or update the translation of ``page`` into ``locale``; return True if saved.

    Nothing is written when the source, the strings and the translated page are all current,
    so running the loader again leaves the English tree as it is.
    """
    # Extract from the stored page: an in-memory copy may hold stale publishing fields.
    page = Page.objects.get(pk=page.pk).specific
    previous = TranslationSource.objects.get_for_instance_or_none(page)
    source, created = TranslationSource.update_or_create_from_instance(page)
    changed = created or source.last_updated_at != (previous and previous.last_updated_at)

    translation, translation_created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
        changed = True
    changed |= translation_created

    segments = list(source.stringsegment_set.select_related("string", "context").order_by("order"))
    missing = [s.string.data for s in segments if s.string.data not in glossary]
    if missing:
        raise MissingTranslationsError(page, missing)
    for segment in segments:
        changed |= _set_string_translation(segment, locale, glossary[segment.string.data])

    if changed or not page.has_translation(locale):
        # save_target(publish=True) publishes when the outer transaction commits, from the
        # page object as it is now: its stale `numchild` would then hide the children that
        # this load translates afterwards. Save the translation as a draft and publish that
        # revision at once (fetched anew, so it starts from the stored page).
        translation.save_target(user=None, publish=False)
        page.get_translation(locale).get_latest_revision().publish()
        return True
    return False


def _set_string_translation(segment, locale, text):
    """Store ``text`` as the translation of one source string; return True if it changed."""
    string_translation, created = StringTranslation.objects.get_or_create(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    changed = created
    if string_translation.data != text or string_translation.has_error:
        string_translation.data = text
        string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        string_translation.has_error = False
        string_translation.field_error = ""
        string_translation.save()
        changed = True
    if string_translation.has_error:
        raise InvalidTranslationError(f"wagtail-localize rejected the English text {text!r}")
    return changed
