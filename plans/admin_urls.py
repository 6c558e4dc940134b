"""Wagtail admin URLs (under /admin/plans/), registered by wagtail_hooks."""

from django.urls import path

from plans import import_views

app_name = "plans_admin"

urlpatterns = [
    path("imports/", import_views.choose_plan, name="import_plans"),
    path("<int:plan_id>/imports/", import_views.plan_imports, name="plan_imports"),
    *(
        path(
            f"<int:plan_id>/imports/template.{kind}",
            import_views.template,
            {"kind": kind},
            name=f"import_template_{kind}",
        )
        for kind in ("csv", "xlsx")
    ),
    path("imports/<int:import_id>/preview/", import_views.import_preview, name="import_preview"),
    path("imports/<int:import_id>/", import_views.import_log, name="import_log"),
    path("imports/<int:import_id>/undo/", import_views.undo, name="import_undo"),
]
