"""Public URLs of following, under each language prefix at ``/<lang>/follow/``."""

from django.urls import path

from follows import views

app_name = "follows"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:key>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:key>/", views.manage, name="manage"),
]
