"""Public URLs, included under each language prefix at ``/<lang>/comments/``.

xtd's own URLconf is not included: it would add a REST API that bypasses this app's rate
limit and moderation rules, and views that read its pickled links.
"""

from django.urls import path

from feedback import views

urlpatterns = [
    path("form/<int:page_id>/", views.comment_form, name="feedback-form"),
    path("post/", views.post_comment, name="feedback-post"),
    path("sent/", views.sent, name="feedback-sent"),
    path("confirm/<str:key>/", views.confirm, name="feedback-confirm"),
    path("mute/<str:key>/", views.mute, name="feedback-mute"),
    path("stop/<str:key>/", views.stop_notices, name="feedback-stop-notices"),
    path("c/<int:comment_id>/", views.permalink, name="feedback-comment"),
    path("c/<int:comment_id>/flag/", views.flag, name="feedback-flag"),
    path("threads/<int:page_id>/", views.more_threads, name="feedback-threads"),
    path(
        "you-said-we-did/<int:page_id>.csv",
        views.dispositions_csv,
        name="feedback-dispositions-csv",
    ),
]
