"""A meeting's schedule reaches its translations when the Lithuanian meeting is published.

wagtail-localize copies a page's synchronised fields to a translation only when a translator
syncs it ("Sync translated pages"); until then the English page of a moved meeting would
show the old time, and that of a cancelled one would ask people to come. So publishing a
meeting in the default language publishes its synchronised fields (start, end, cancelled,
minutes) on each of its live translations at once; their text (place, agenda, decisions)
waits for the translator as before. A draft the translator has not published keeps its text
and gets the same values. Aliases follow their original already (Wagtail updates them).
"""

from wagtail.models import Locale
from wagtail.signals import page_published

from workinggroups.models import MeetingPage

SYNCHRONISED = ("starts_at", "ends_at", "cancelled", "minutes_id")


def differs(page, source):
    return any(getattr(page, name) != getattr(source, name) for name in SYNCHRONISED)


def follow(page, source):
    for name in SYNCHRONISED:
        setattr(page, name, getattr(source, name))


def publish_schedule_on_translations(sender, instance, revision, **kwargs):
    if instance.locale_id != Locale.get_default().pk:
        return
    translations = (
        MeetingPage.objects.filter(
            translation_key=instance.translation_key, live=True, alias_of__isnull=True
        )
        .exclude(locale_id=instance.locale_id)
        .select_related("latest_revision")
    )
    for translation in translations:
        if not differs(translation, instance):
            continue
        draft = translation.latest_revision if translation.has_unpublished_changes else None
        # A live page's row holds its published content: publish that with the new values.
        follow(translation, instance)
        translation.save_revision(user=None, log_action=False).publish(user=None)
        if draft is not None:
            unpublished = draft.as_object()
            follow(unpublished, instance)
            unpublished.save_revision(user=draft.user, log_action=False)


def connect():
    page_published.connect(
        publish_schedule_on_translations,
        sender=MeetingPage,
        dispatch_uid="workinggroups-schedule-to-translations",
    )
