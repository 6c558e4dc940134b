"""The site under Django's own per-site cache instead of the page cache: the comparison of
the benchmark's django-site-cache phase (scripts/bench/run puts scripts/bench on that
gunicorn's PYTHONPATH). Production settings, with pagecache's middleware replaced by
UpdateCacheMiddleware first and FetchFromCacheMiddleware last, as Django's documentation
orders them, in the same cache (Redis) and kept as long as the page cache keeps a page.
"""

from cityplan.settings.production import *  # noqa: F403
from cityplan.settings.production import MIDDLEWARE, PAGE_CACHE_SECONDS

MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *(name for name in MIDDLEWARE if name != "pagecache.middleware.PageCacheMiddleware"),
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
