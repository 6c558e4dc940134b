"""A translated page's address follows its translated title.

wagtail-localize translates a page's slug as one of its text segments, falling back to the
source's: a translator who translates the title and not the slug would publish the English
page at the Lithuanian page's address (``/en/darbo-grupes/``). So when a page's title is
translated (in the editor, by a PO file or by machine translation), its slug segment gets the
slug of the translated title (``working-groups``), marked as made from the title; a later
change of the title moves it again. A slug the translator has translated themselves is left
as they wrote it. Slugs are ASCII (``WAGTAIL_ALLOW_UNICODE_SLUGS = False``: "č" becomes "c").
"""

from django.utils.text import slugify

from wagtail_localize.models import StringSegment, StringTranslation

# The tool name of a slug translation made from the title (wagtail-localize's own field).
FROM_TITLE = "slug-from-title"


def follow_the_title(sender, instance, raw=False, **kwargs):
    """On a saved translation of a page's title: give its slug segment the title's slug,
    unless the translator has translated the slug themselves."""
    context = instance.context
    if raw or context is None or context.path != "title":
        return
    slug = slugify(instance.data)
    segment = (
        StringSegment.objects.filter(context__object_id=context.object_id, context__path="slug")
        .select_related("string", "context")
        .first()
    )
    if not slug or segment is None:
        return
    current = StringTranslation.objects.filter(
        translation_of=segment.string, locale_id=instance.locale_id, context=segment.context
    ).first()
    if current is not None and (current.tool_name != FROM_TITLE or current.data == slug):
        return
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale_id=instance.locale_id,
        context=segment.context,
        defaults={
            "data": slug,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
            "tool_name": FROM_TITLE,
            "last_translated_by": instance.last_translated_by,
        },
    )
