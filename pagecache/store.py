"""The page cache: whole public pages for anonymous readers, in Django's cache (Redis in
production), keyed by path and purged by path.

A purge does not look for keys: it bumps a version kept per path (and a site-wide one for
changes every page shows, such as the main menu), so that every variant of the path (its
query strings: pagination, comment order) is dropped at once.
"""

import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

PREFIX = "pagecache"
SITE_VERSION_KEY = f"{PREFIX}:site"


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _path_version_key(path):
    return f"{PREFIX}:path:{hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()}"


def entry_key(path, query):
    """The current cache key of the page at `path` with `query`."""
    path_key = _path_version_key(path)
    versions = cache.get_many([SITE_VERSION_KEY, path_key])
    site_version = versions.get(SITE_VERSION_KEY, "0")
    path_version = versions.get(path_key, "0")
    digest = hashlib.sha1(f"{path}?{query}".encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}:page:{site_version}:{path_version}:{digest}"


def purge_path(path):
    cache.set(_path_version_key(path), uuid.uuid4().hex, None)


def purge_url(url):
    purge_path(urlsplit(url).path or "/")


def purge_site():
    cache.set(SITE_VERSION_KEY, uuid.uuid4().hex, None)
