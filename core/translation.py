"""The fields wagtail-localize translates or synchronises, chosen per page type."""

from wagtail_localize.fields import SynchronizedField, TranslatableField

PAGE_TEXT = ("title", "slug", "seo_title", "search_description")


def page_translation_fields(translated=(), synchronised=()):
    """A page type's `override_translatable_fields`: Wagtail's own text fields (title, slug,
    SEO title and description) and the type's `translated` text, then its `synchronised`
    data (dates, numbers, choices, documents, relations: the same in every language)."""
    return [
        *(TranslatableField(name) for name in (*PAGE_TEXT, *translated)),
        *(SynchronizedField(name) for name in synchronised),
    ]
