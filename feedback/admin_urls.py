"""Wagtail admin URLs (under /admin/comments/), registered by wagtail_hooks."""

from django.urls import path

from feedback import admin_views

app_name = "feedback_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("report/<int:page_id>/", admin_views.consultation_reports, name="reports"),
    path(
        "report/<int:page_id>/<int:revision_id>/",
        admin_views.make_consultation_report,
        name="make_report",
    ),
    path("<int:comment_id>/", admin_views.thread, name="thread"),
    path("<int:comment_id>/answer/", admin_views.answer, name="answer"),
    path("<int:comment_id>/disposition/", admin_views.disposition, name="disposition"),
    path("<int:comment_id>/<str:action>/", admin_views.act, name="act"),
]
