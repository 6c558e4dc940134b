"""The page cache: whole public pages for anonymous readers, in Django's cache (Redis in
production), keyed by path and purged by path.

A purge does not look for keys: it bumps a version kept per path (and a site-wide one for
changes every page shows, such as the main menu), so that every variant of the path (its
query strings: pagination, comment order) is dropped at once. Each process also keeps its
most read pages (pagecache.local), told of every purge over Redis.
"""

import hashlib
import time
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from pagecache import local

PREFIX = "pagecache"
SITE_VERSION_KEY = f"{PREFIX}:site"


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _path_version_key(path):
    return f"{PREFIX}:path:{hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()}"


class Entry:
    """One page variant (`origin` scheme://host, `path`, `query`) in the cache.

    `lookup()` answers from this process's copy when it can; otherwise it reads the site
    version, the path version and the stored page in one round trip (a multi-get). The page
    is stored with the versions read before it was rendered, and it is served only while
    both are still current: a purge during rendering leaves the page stale at once.
    """

    def __init__(self, origin, path, query):
        digest = hashlib.sha1(f"{origin}{path}?{query}".encode(), usedforsecurity=False)
        self.key = f"{PREFIX}:page:v2:{digest.hexdigest()}"
        self.version_keys = (SITE_VERSION_KEY, _path_version_key(path))
        self.versions = None
        self.copy = local.copy()
        self.token = None

    def lookup(self, *, copy_only=False):
        """The stored (status, headers, content), or None. `copy_only`: only what this
        process's copy holds (no round trip to Redis)."""
        if self.copy is not None:
            self.token = self.copy.begin()
            if self.token is not None and (copied := self.copy.get(self.version_keys, self.key)):
                self.versions, payload = copied
                return payload
        if copy_only:
            return None
        found = cache.get_many([*self.version_keys, self.key])
        self.versions = tuple(found.get(key, "0") for key in self.version_keys)
        stored = found.get(self.key)
        if stored is not None and stored[0] != self.versions:
            stored = None  # purged since it was stored
        if self.copy is not None:
            versions = dict(zip(self.version_keys, self.versions, strict=True))
            self.copy.learn(self.token, versions, self.key, stored)
        return None if stored is None else stored[2]

    def store(self, status, headers, content, seconds=None):
        """Store the page under the versions `lookup()` read, for `seconds` (by default
        PAGE_CACHE_SECONDS)."""
        seconds = timeout() if seconds is None else seconds
        page = (self.versions, time.time() + seconds, (status, tuple(headers), content))
        cache.set(self.key, page, seconds)
        if self.copy is not None:
            self.copy.learn(self.token, {}, self.key, page)


def copied(page_key, version_keys):
    """The stored (status, headers, content) of `page_key` if this process's copy holds it
    current, else None (no round trip to Redis)."""
    copy = local.copy()
    if copy is None or copy.begin() is None:
        return None
    found = copy.get(version_keys, page_key)
    return None if found is None else found[1]


def _bump(version_key):
    cache.set(version_key, uuid.uuid4().hex, None)
    local.announce_purge(version_key)


def purge_path(path):
    _bump(_path_version_key(path))


def purge_url(url):
    purge_path(urlsplit(url).path or "/")


def purge_site():
    _bump(SITE_VERSION_KEY)
