"""Which uploaded files may be served straight from MEDIA_ROOT: images only.

Documents never are: they go through Wagtail's document view (`/documents/<id>/<name>`),
which checks who may download them (documents/wagtail_hooks.py, collection restrictions).
In production the web server serves the image folders (docs/nginx.conf.example); in
development (DEBUG) Django does, with `image_media_urlpatterns()`.
"""

import posixpath
import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Wagtail's folders for original images and their renditions.
IMAGE_FOLDERS = ("original_images/", "images/")


def serve_image(request, path):
    """An image file of MEDIA_ROOT; 404 for anything outside the image folders."""
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(IMAGE_FOLDERS):
        raise Http404("Only images are served from here.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def image_media_urlpatterns():
    """Development only: the image folders under MEDIA_URL (a local prefix such as /media/)."""
    prefix = settings.MEDIA_URL.lstrip("/")
    if not settings.DEBUG or not prefix or "://" in settings.MEDIA_URL:
        return []
    return [re_path(rf"^{re.escape(prefix)}(?P<path>.+)$", serve_image, name="image_media")]
