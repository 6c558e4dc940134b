"""A Wagtail frontend-cache backend that purges the page cache (pagecache.store).

Listed in WAGTAILFRONTENDCACHE beside the caching proxy's backend, so that whatever purges
the proxy (Wagtail on publish and unpublish, the listings' and comments' purges) purges
the Django-level page cache as well.
"""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from pagecache import store


class PageCacheBackend(BaseBackend):
    def purge(self, url):
        store.purge_url(url)
