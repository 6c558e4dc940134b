from wagtail import hooks

from core.spreadsheet_exports import contrib_urlpatterns


@hooks.register("register_admin_urls", order=-1)
def formula_safe_contrib_exports():
    """Before the contrib apps' own hooks (order 0): these views answer at their addresses."""
    return contrib_urlpatterns()
