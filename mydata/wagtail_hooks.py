"""Admin: the log of residents' erasures, under Settings, for superusers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from mydata import admin_views


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("my-data/erasures/", admin_views.erasure_log, name="mydata_erasures")]


@hooks.register("register_settings_menu_item")
def register_erasure_log_menu_item():
    return SuperuserMenuItem(
        _("Erasures of residents' data"),
        reverse("mydata_erasures"),
        name="mydata-erasures",
        icon_name="bin",
        order=900,
    )
