"""A database outage answers "503 Service Unavailable" with a readable page, not a 500.

While PostgreSQL restarts (or the network to it fails), every request that needs the
database raises ``OperationalError`` or ``InterfaceError``. ``DatabaseOutageMiddleware``
turns those into the standalone ``503.html`` (it queries nothing: no ``base.html``, no
context processors) with ``Retry-After``. Pages still in the page cache are served as usual
(pagecache/), and once the database is back the next request reconnects: the persistent
connections are checked before reuse (``CONN_HEALTH_CHECKS``), so no worker restarts.

Django turns an exception into a response inside each middleware, so the middleware sees
it two ways: ``process_exception`` for the view (and the deferred rendering of its
template), and the ``got_request_exception`` signal for an error in a middleware or an
error handler, which marks the request; the 500 response of a marked request is replaced.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_cityplan_database_outage"


def _mark_database_outage(sender, request=None, **kwargs):
    """got_request_exception: remember that this request failed for want of the database."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, _MARK, error)


got_request_exception.connect(_mark_database_outage, dispatch_uid="core.outage")


def _language(request):
    """The visitor's language, from the URL prefix or the browser; never from the database."""
    language = translation.get_language_from_path(request.path_info)
    if language:
        return language
    try:
        return translation.get_language_from_request(request)
    except Exception:  # the outage page must render whatever the request holds
        return settings.LANGUAGE_CODE


def service_unavailable(request):
    """The 503 page in the visitor's language, rendered without a database."""
    with translation.override(_language(request)):
        content = loader.render_to_string("503.html")
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code == 500 and not settings.DEBUG:
            # Django has logged the error with its traceback ("Internal Server Error").
            logger.warning("Database unavailable, answered 503: %s", error)
            return service_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS) or settings.DEBUG:
            return None
        logger.error(
            "Database unavailable, answered 503: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return service_unavailable(request)
