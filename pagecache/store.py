"""The page cache: whole public pages for anonymous readers, in Django's cache (Redis in
production), keyed by address and purged by path.

A purge does not look for keys: it bumps a version kept per path, so that every variant of
the path (its query strings: pagination, comment order) is dropped at once. A change that
every page shows (the menu, the footer) moves the chrome's generation (core.chrome), which
is the other half of every page's version. A page is stored with the versions read before
it was rendered and served only while both are still current: a purge during rendering
leaves it stale at once.
"""

import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from core import chrome

PREFIX = "pagecache"


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _digest(text):
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


class Entry:
    """One page variant (`origin` scheme://host, `path`, `query`) in the cache."""

    def __init__(self, origin, path, query):
        self.key = f"{PREFIX}:page:{_digest(f'{origin}{path}?{query}')}"
        self.version_keys = (chrome.GENERATION_KEY, f"{PREFIX}:path:{_digest(path)}")
        self.versions = None

    def lookup(self):
        """The stored (status, headers, content), or None. One round trip: the versions
        and the page in one multi-get."""
        found = cache.get_many([*self.version_keys, self.key])
        self.versions = tuple(found.get(key, "0") for key in self.version_keys)
        stored = found.get(self.key)
        if stored is None or stored[0] != self.versions:
            return None  # never stored, expired, or purged since
        return stored[1]

    def store(self, status, headers, content, seconds):
        """Store the page under the versions `lookup()` read, for `seconds`."""
        cache.set(self.key, (self.versions, (status, tuple(headers), content)), seconds)


def purge_url(url):
    cache.set(f"{PREFIX}:path:{_digest(urlsplit(url).path or '/')}", uuid.uuid4().hex, None)
