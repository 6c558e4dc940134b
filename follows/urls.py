"""Public URLs, included under each language prefix at ``/<lang>/follow/``."""

from django.urls import path

from follows import views

app_name = "follows"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:key>/", views.confirm, name="confirm"),
]
