"""Public URLs of "my data", included under each language prefix (``/lt/mano-duomenys/``,
``/en/my-data/``)."""

from django.urls import path, re_path
from django.utils.translation import pgettext_lazy

from mydata import views

urlpatterns = [
    path("", views.request_link, name="mydata-request"),
    path(pgettext_lazy("URL", "sent/"), views.sent, name="mydata-sent"),
    path("<str:key>/", views.overview, name="mydata-overview"),
    re_path(
        r"^(?P<key>[^/]+)/data\.(?P<extension>json|csv)$",
        views.download,
        name="mydata-download",
    ),
]
