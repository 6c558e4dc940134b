"""wagtail-localize's "Sync translated pages" held to the publishing rules.

Its "Publish immediately" publishes every translation of the source without asking whether
the user may publish them (wagtail-localize publishes them as nobody): a translator could
publish a Lithuanian page translated from an English one, or an English plan draft whose
Lithuanian original is not approved. This view takes the place of wagtail-localize's at the
same address (``approvals.wagtail_hooks``) and refuses, before changing anything, unless the
user may publish every translated page as it will be once updated.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import Page, PagePermissionTester
from wagtail_localize.views.update_translations import UpdateTranslationsView

from approvals.translations import ApprovedSourceTranslationMixin


class PublishingUpdateTranslationsView(UpdateTranslationsView):
    def publication_refusals(self):
        refusals = []
        translations = self.object.translations.filter(enabled=True).select_related("target_locale")
        for translation in translations:
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue  # created by the update; the page model's own rule holds it back
            if not isinstance(target, Page):
                continue
            if not PagePermissionTester(self.request.user, target).can_publish():
                refusals.append(
                    _("You may not publish “%(title)s” (%(language)s).")
                    % {
                        "title": target.get_admin_display_title(),
                        "language": translation.target_locale.get_display_name(),
                    }
                )
            elif isinstance(target, ApprovedSourceTranslationMixin) and (
                refusal := target.publication_refusal(synced_now=True)
            ):
                refusals.append(refusal)
        return refusals

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            refusals = self.publication_refusals()
            if refusals:
                messages.error(self.request, _("Nothing was updated or published."))
                for refusal in refusals:
                    messages.error(self.request, refusal)
                return redirect(self.request.get_full_path())
        return super().form_valid(form)
