"""A translation goes live only as the translation of the approved, live Lithuanian page.

The Consultative group approves the Lithuanian text of a plan draft; translators publish the
English tree. Without this rule a translator could submit an unpublished (unapproved)
Lithuanian draft for translation and publish its English page, whose untranslated text falls
back to the Lithuanian source, or write an English-only draft and publish it.

We chose this rule over putting the English tree under the same workflow: the body decides
on the Lithuanian text, the legal one; a translation carries that decision into another
language and does not need a second vote (in a language the reviewers do not work in), and
translators keep publishing the English tree.

So a page outside the default language may go live only if its Lithuanian page (same
translation key) is live (published through the workflow, or by an administrator), and,
when wagtail-localize keeps it in sync, only if the source text it was made from was taken
from that live version: after the Lithuanian page was last published (otherwise the
translator first updates it from the source). An alias shows the live Lithuanian page
itself. Enforced on every way a page goes live (``ApprovedSourceTranslationMixin``):
publishing permission (the page editor, wagtail-localize's editor, bulk actions), the
model's ``publish`` (scheduled publishing, wagtail-localize's own publishing) and any full
save of a live page (wagtail-localize writes a live translation's row before publishing it).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, PagePermissionTester, Revision
from wagtail_localize.models import Translation, TranslationSource

logger = logging.getLogger(__name__)

NO_SOURCE = _(
    "This page has no Lithuanian original: it can go live only as the translation of an "
    "approved, published Lithuanian page."
)
SOURCE_NOT_LIVE = _(
    "The Lithuanian original “%(title)s” has not been approved and published: its "
    "translation cannot be published."
)
SOURCE_CHANGED = _(
    "This translation was made from a version of “%(title)s” other than the published one: "
    "update it from the Lithuanian original (Sync translated pages) before publishing."
)


class UnapprovedTranslationError(PermissionDenied):
    """A translation that may not go live (the admin answers it as a refused permission)."""


def publication_refusal(page, synced_now=False):
    """Why ``page`` may not go live, or ``None``.

    ``synced_now``: as it would stand right after an update from the source (wagtail-localize's
    "Sync translated pages", which takes the source text again first).
    """
    default_locale = Locale.get_default()
    # A page being created has no locale until Wagtail gives it its parent's, on saving.
    locale_id = page.locale_id or page.get_default_locale().pk
    if locale_id == default_locale.pk:
        return None
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale=default_locale)
        .only("pk", "title", "live", "last_published_at")
        .first()
    )
    if source is None:
        return str(NO_SOURCE)
    if not source.live:
        return SOURCE_NOT_LIVE % {"title": source.title}
    if page.alias_of_id:
        return None
    synced = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale=default_locale,
        target_locale_id=locale_id,
        enabled=True,
    ).exists()
    if not synced or synced_now:
        return None
    taken_at = (
        TranslationSource.objects.filter(object_id=page.translation_key, locale=default_locale)
        .values_list("last_updated_at", flat=True)
        .first()
    )
    if source.last_published_at is None or taken_at is None or taken_at < source.last_published_at:
        return SOURCE_CHANGED % {"title": source.title}
    return None


class ApprovedSourcePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with publishing held to ``publication_refusal``."""

    @cached_property
    def refusal(self):
        return publication_refusal(self.page)

    def can_publish(self):
        return super().can_publish() and self.refusal is None


class ApprovedSourceTranslationMixin:
    """For a page type whose Lithuanian pages go live only once approved: its translations
    go live only as translations of the live Lithuanian page (see the module)."""

    def publication_refusal(self, synced_now=False):
        return publication_refusal(self, synced_now=synced_now)

    def permissions_for_user(self, user):
        return ApprovedSourcePermissionTester(user, self)

    def publish(self, revision, user=None, **kwargs):
        refusal = self.publication_refusal()
        if refusal and user is None:
            # Scheduled publishing or wagtail-localize's own: nobody to answer; keep the draft.
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            logger.warning("Page %s was not published: %s", self.pk, refusal)
            return None
        if refusal:
            raise UnapprovedTranslationError(refusal)
        return super().publish(revision, user=user, **kwargs)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.live and (update_fields is None or "live" in update_fields):
            refusal = self.publication_refusal()
            if refusal:
                raise UnapprovedTranslationError(refusal)
        return super().save(*args, **kwargs)
