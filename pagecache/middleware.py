"""Serve anonymous readers' pages from the page cache (pagecache.store).

The middleware is the outermost one, so an entry holds the response as the reader got it,
headers included, and a hit returns before any other middleware runs.
`PageCacheApplication` (cityplan.wsgi) answers the same hits before Django's request
handling starts at all; the middleware still answers them under any other handler (tests).

Only Wagtail pages (the `wagtail_serve` view) and views marked `@shared_with_readers` (site
search) answered with 200 are stored, and only when nothing in them belongs to one visitor:
no user logged in, no cookie set, no CSRF token used, not marked private or no-store. A
page is kept for PAGE_CACHE_SECONDS, or less when its Cache-Control max-age says so.
A request carrying a session or messages cookie is never answered from the cache, so a
logged-in user always gets a page rendered for them. Comment forms are not in the pages:
the page's script loads them from an uncached view (feedback.views).
"""

from collections import OrderedDict
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from pagecache import local, store

HIT_HEADER = "X-Page-Cache"
# The WSGI environ key under which PageCacheApplication hands its lookup's entry to Django.
ENVIRON_KEY = "cityplan.pagecache.entry"
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


def lookup(request, *, copy_only=False):
    """(cache entry, stored page or None) of an anonymous request; (None, None) for a
    request the cache must not answer. A lookup already made in front of Django (by
    `PageCacheApplication`, a miss) is taken from the request, not made again.
    `copy_only`: look only in this process's copy, without a round trip to Redis."""
    if ENVIRON_KEY in request.META:
        return request.META[ENVIRON_KEY], None
    if not _cacheable_request(request):
        return None, None
    try:
        host = request.get_host()
    except DisallowedHost:  # Django refuses the request (400): nothing to answer or store
        return None, None
    entry = store.Entry(
        f"{request.scheme}://{host}", request.path, request.META.get("QUERY_STRING", "")
    )
    return entry, entry.lookup(copy_only=copy_only)


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


def _hit(stored):
    """(status, headers, content) of a hit, as it goes out."""
    status, headers, content = stored
    return status, [*headers, ("Content-Length", str(len(content))), (HIT_HEADER, "hit")], content


# What `lookup` decides from, for a request without cookies: a request that matches one it
# already looked up in all of these is the same page variant, for the same reasons.
_SHAPE = (
    "REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "wsgi.url_scheme",
    "SERVER_NAME", "SERVER_PORT", "HTTP_HOST", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT",
)  # fmt: skip
_entries_by_shape = OrderedDict()  # shape -> (page key, version keys), most recent last


def _shape(environ):
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    return (
        *(environ.get(name) for name in _SHAPE),
        environ.get(proxy_header[0]) if proxy_header else None,
    )


def copied_page(environ):
    """The hit for this WSGI environ that this process's copy of the cache holds, as
    (status, headers, content), or None: for the server's event loop (cityplan.asgi), which
    must not wait on Redis.

    Which entry a request without cookies maps to is remembered by its shape (`_SHAPE`),
    so that a repeated request costs no Django request object."""
    if store.timeout() <= 0:
        return None
    shape = None if "HTTP_COOKIE" in environ else _shape(environ)
    keys = _entries_by_shape.get(shape)
    if keys is None:
        entry, stored = lookup(WSGIRequest(environ), copy_only=True)
        if shape is not None and entry is not None:
            _entries_by_shape[shape] = (entry.key, entry.version_keys)
            while len(_entries_by_shape) > max(local.capacity(), 1):
                _entries_by_shape.popitem(last=False)
    else:
        _entries_by_shape.move_to_end(shape)
        stored = store.copied(*keys)
    return None if stored is None else _hit(stored)


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _entries_by_shape.clear()


class PageCacheApplication:
    """The WSGI application in front of Django's: answers a page-cache hit from the stored
    entry without building Django's request handling (signals, middlewares, response
    object); everything else goes to Django unchanged."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if store.timeout() > 0:
            entry, stored = lookup(WSGIRequest(environ))
            if stored is not None:
                status, headers, content = _hit(stored)
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [content]
            environ[ENVIRON_KEY] = entry  # a miss: the middleware stores under this entry
        return self.application(environ, start_response)
