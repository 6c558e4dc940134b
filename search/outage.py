"""What indexing does while the search server is down.

The first failed write marks the server down for `SEARCH_SERVER_RETRY_AFTER` seconds
(default 30) in the cache, so that the next saves of a publish, and other editors' saves, do
not each wait for the timeout again. Every write that failed or was skipped is recorded in
`PendingIndexUpdate`; `manage.py search_retry` (or `update_index`) catches up.
"""

import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from search.models import PendingIndexUpdate

DEFAULT_RETRY_AFTER = 30


class SearchServerDown(Exception):
    """The write was not tried: the search server failed a moment ago."""


def _key(backend):
    hosts = ",".join(f"{host.get('host', '')}:{host.get('port', '')}" for host in backend.hosts)
    return f"cityplan-search-down:{hosts}"


def retry_after():
    return getattr(settings, "SEARCH_SERVER_RETRY_AFTER", DEFAULT_RETRY_AFTER)


def is_marked_down(backend):
    until = cache.get(_key(backend))
    return until is not None and until > time.time()


def mark_down(backend):
    cache.set(_key(backend), time.time() + retry_after(), retry_after())


def mark_up(backend):
    cache.delete(_key(backend))


def record(obj, deleted=False):
    PendingIndexUpdate.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        defaults={"deleted": deleted},
    )


def guarded(backend, objects, write, deleted=False):
    """Run ``write()`` unless the server is marked down; on failure mark it down and
    record ``objects`` for a retry. Raises, so that Wagtail logs the failure."""
    if is_marked_down(backend):
        for obj in objects:
            record(obj, deleted)
        raise SearchServerDown(
            f"the search server failed less than {retry_after()} s ago; "
            "the change is queued for `manage.py search_retry`"
        )
    try:
        return write()
    except Exception:
        mark_down(backend)
        for obj in objects:
            record(obj, deleted)
        raise
