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


class Entry:
    """One page variant (`origin` scheme://host, `path`, `query`) in the cache.

    `lookup()` reads the site version, the path version and the stored page in one round
    trip (a multi-get). The page is stored with the versions read before it was rendered,
    and it is served only while both are still current: a purge during rendering leaves
    the page stale at once.
    """

    def __init__(self, origin, path, query):
        digest = hashlib.sha1(f"{origin}{path}?{query}".encode(), usedforsecurity=False)
        self.key = f"{PREFIX}:page:{digest.hexdigest()}"
        self.path_key = _path_version_key(path)
        self.versions = None

    def lookup(self):
        """The stored (status, headers, content), or None."""
        found = cache.get_many([SITE_VERSION_KEY, self.path_key, self.key])
        self.versions = (found.get(SITE_VERSION_KEY, "0"), found.get(self.path_key, "0"))
        stored = found.get(self.key)
        if stored is None or stored[0] != self.versions:
            return None
        return stored[1]

    def store(self, status, headers, content):
        """Store the page under the versions `lookup()` read."""
        cache.set(self.key, (self.versions, (status, headers, content)), timeout())


def purge_path(path):
    cache.set(_path_version_key(path), uuid.uuid4().hex, None)


def purge_url(url):
    purge_path(urlsplit(url).path or "/")


def purge_site():
    cache.set(SITE_VERSION_KEY, uuid.uuid4().hex, None)
