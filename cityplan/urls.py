from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView, TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemaps
from wagtail.documents import urls as wagtaildocs_urls

from core.login import ThrottledAuthenticationForm
from core.sitemaps import SITEMAPS
from core.spreadsheet_exports import report_urlpatterns
from documents.media import image_media_urlpatterns
from plans.views import change_ledger
from search import views as search_views

urlpatterns = [
    # Lithuanian first, whatever the browser prefers; the switcher leads to English.
    path("", RedirectView.as_view(url=f"/{settings.LANGUAGE_CODE}/"), name="root"),
    # Wagtail's core reports with formula-safe CSV exports, before the admin's own at the same
    # addresses (core/spreadsheet_exports.py).
    path("admin/", include(report_urlpatterns())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents go through Wagtail's view and its permission checks.
    urlpatterns += image_media_urlpatterns()

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("comments/", include("feedback.urls")),
    path("follow/", include("follows.urls")),
    path(pgettext_lazy("URL", "my-data/"), include("mydata.urls")),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # Wagtail's sign-in for private pages, with failed sign-ins throttled (core/login.py);
    # it comes before Wagtail's URLs, which have the same address.
    path(
        "_util/login/",
        auth_views.LoginView.as_view(
            template_name=wagtail_urls.WAGTAIL_FRONTEND_LOGIN_TEMPLATE,
            authentication_form=ThrottledAuthenticationForm,
        ),
        name="wagtailcore_login",
    ),
    # A plan draft's change ledger: Wagtail's page routes cannot end in ".json".
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)data/changes\.(?P<extension>json|csv)$",
        change_ledger,
        name="plan_changes",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
