"""Admin additions shared by the apps: the translators' report, formula-safe CSV exports,
menu labels in each user's language."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.spreadsheet_exports import contrib_urlpatterns
from core.translation_report import translation_report_rows

TRANSLATOR_PERMISSION = "wagtail_localize.submit_translation"


def translation_report(request):
    if not request.user.has_perm(TRANSLATOR_PERMISSION):
        raise PermissionDenied
    return render(
        request,
        "core/admin/translation_report.html",
        {"rows": translation_report_rows(), "page_title": _("Translations to do")},
    )


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("reports/translations-to-do/", translation_report, name="translation_report")]


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(TRANSLATOR_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslatorMenuItem(
        _("Translations to do"),
        reverse("translation_report"),
        name="translations-to-do",
        icon_name="site",
        order=900,
    )


@hooks.register("register_admin_urls", order=-1)
def formula_safe_contrib_exports():
    """Before the contrib apps' own hooks (order 0): these views answer at their addresses."""
    return contrib_urlpatterns()


WHATS_NEW = "whats-new-in-wagtail-"


def translated_when_shown(message, **values):
    return lazy(lambda: gettext(message) % values if values else gettext(message), str)()


@hooks.register("construct_reports_menu")
@hooks.register("construct_help_menu")
def labels_in_each_users_language(request, menu_items):
    """Wagtail's "What's new in Wagtail 8.0" and wagtail-localize's "Translations" report
    are labelled once a worker, with the language of its first admin request: after an
    English-speaking administrator, every Lithuanian editor met them in English. Their
    labels are made to translate each time the menu is shown (the items are shared, and
    the lazy label is the same for every request)."""
    translations_report = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.name.startswith(WHATS_NEW):
            version = item.name.removeprefix(WHATS_NEW)
            item.label = translated_when_shown("What's new in Wagtail %(version)s", version=version)
        elif item.url == translations_report:
            item.label = translated_when_shown("Translations")
