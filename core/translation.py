"""The fields wagtail-localize translates or synchronises, chosen per page type, and the
texts that are not pages' and keep their English beside the Lithuanian (``name_en``)."""

from django.utils.translation import get_language

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


def in_english():
    """Whether the reader reads the English site (the one translation)."""
    return get_language() == "en"


def in_language(lithuanian, english):
    """The English text on an English page when there is one, else the Lithuanian."""
    return english if in_english() and english else lithuanian
