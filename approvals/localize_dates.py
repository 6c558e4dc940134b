"""wagtail-localize's translation editor with its dates in the translator's language.

The editor notes on each translated segment how and when it was translated ("Translated
manually on 6 December 2026"). wagtail-localize 1.14 writes the date with Python's
``strftime`` (the process's C locale: English month names, whatever the admin's language);
here it is written with Django's date format of the active language ("2026 m. gruodžio 6 d."),
in the same messages, which its catalogue and ours translate; a slug made from the translated
title (``approvals.slugs``) says so. ``install`` replaces the one method that builds the note
(``StringTranslation.get_comment``, read by the editor's API).
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail_localize.models import StringTranslation

from approvals.slugs import FROM_TITLE


def translation_note(string_translation):
    """How and when the segment was translated, its date in the reader's language."""
    date = date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name == FROM_TITLE:
        return _("Made from the translated title on {date}").format(date=date)
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install():
    StringTranslation.get_comment = translation_note
