"""Serve anonymous readers' pages from the page cache (pagecache.store).

The middleware is the outermost one, so an entry holds the response as the reader got it,
headers included, and a hit returns before any other middleware runs.

Only Wagtail pages (the `wagtail_serve` view) and views marked `@shared_with_readers` (site
search) answered with 200 are stored, and only when nothing in them belongs to one visitor:
no user logged in, no cookie set, no CSRF token used, not marked private or no-store. A
page is kept for PAGE_CACHE_SECONDS, or less when its Cache-Control max-age says so.
A request carrying a session or messages cookie is never answered from the cache, so a
logged-in user always gets a page rendered for them. Comment forms are not in the pages:
the page's script loads them from an uncached view (feedback.views).
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from pagecache import store

HIT_HEADER = "X-Page-Cache"
SKIPPED_PREFIXES = ("/admin/", "/comments/", "/django-admin/", "/documents/", "/static/")


def _cookies_that_bypass():
    return (settings.SESSION_COOKIE_NAME, "messages")


def _cacheable_request(request):
    if request.method != "GET" or store.timeout() <= 0:
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if "HTTP_COOKIE" in request.META and any(
        name in request.COOKIES for name in _cookies_that_bypass()
    ):
        return False
    # What the middlewares a hit skips would have redirected goes through them.
    return not (settings.SECURE_SSL_REDIRECT and not request.is_secure())


def lookup(request):
    """(cache entry, stored page or None) of an anonymous request; (None, None) for a
    request the cache must not answer."""
    if not _cacheable_request(request):
        return None, None
    try:
        host = request.get_host()
    except DisallowedHost:  # Django refuses the request (400): nothing to answer or store
        return None, None
    entry = store.Entry(
        f"{request.scheme}://{host}", request.path, request.META.get("QUERY_STRING", "")
    )
    return entry, entry.lookup()


def shared_with_readers(seconds):
    """Let the page cache and a caching proxy keep this view's answers to anonymous readers
    (200 only) for `seconds()`: they carry it as their Cache-Control max-age, which is what
    the page cache keeps them for. 0 seconds: not kept."""

    def decorator(view):
        @wraps(view)
        def shared(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            keep = seconds()
            if keep > 0 and response.status_code == 200 and not request.user.is_authenticated:
                patch_cache_control(response, max_age=keep)
            return response

        shared.shared_with_readers = True
        return shared

    return decorator


def _storing_seconds(request, response):
    """How long the page cache may hold `response`: 0 when it must not."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return 0
    page = match.url_name == "wagtail_serve"
    if not (page or getattr(match.func, "shared_with_readers", False)):
        return 0
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return 0
    # A CSRF token in the page belongs to one visitor (even when no cookie is set).
    if request.META.get("CSRF_COOKIE_USED"):
        return 0
    # "Vary: Cookie" is expected (the templates look at the anonymous user, which touches
    # the session): requests with a session or messages cookie never reach the cache.
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    if "*" in vary:
        return 0
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return 0
    max_age = get_max_age(response)
    if max_age is None:
        return store.timeout() if page else 0
    return min(max_age, store.timeout())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        entry, stored = lookup(request)
        if entry is None:
            return self.get_response(request)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if seconds := _storing_seconds(request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() != "content-length"]
            entry.store(response.status_code, headers, response.content, seconds)
            response[HIT_HEADER] = "miss"
        return response
