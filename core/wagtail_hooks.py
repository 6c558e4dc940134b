"""Admin additions shared by the apps: the translators' report, formula-safe CSV exports."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
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
