"""Each worker process's own copy of the page cache's most read entries (pagecache.store), so
that a hit costs no round trip to Redis.

The copy is only as good as the knowledge that nothing was purged since. A purge sets the
new version in Redis and then publishes the version's key on a Redis channel
(`announce_purge`); a thread in each process listens to that channel, drops what it knew
of that version and confirms, and the purge waits for the confirmations. The copy is
served only while that thread is subscribed and hears Redis answer its pings: when the
connection drops or goes silent, the copy is emptied and every lookup goes to Redis until
the thread has subscribed again.

What a lookup read from Redis is copied only if no purge arrived since it began (`epoch`),
so a page read just before a purge is never kept after it. A copied page is served until
the time it expires in Redis, and the copy holds at most PAGE_CACHE_LOCAL_ENTRIES pages,
the least recently read going first.
"""

import logging
import os
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

from cityplan.cache import CityRedisCache

logger = logging.getLogger(__name__)

CHANNEL = "pagecache:purged"
# The listener pings Redis this often, and gives up on a connection silent for longer than
# SILENCE_SECONDS (a Redis host that vanished without closing the connection).
PING_SECONDS = 2
SILENCE_SECONDS = 6
RETRY_SECONDS = (0.2, 0.5, 1, 2, 5)
# A purge waits this long at most for every listening process to confirm it.
ACK_SECONDS = 0.5


def _redis_cache():
    cache = caches["default"]
    return cache if isinstance(cache, CityRedisCache) else None


def _channel(cache):
    return cache.make_key(CHANNEL)


def announce_purge(version_key):
    """Tell every process's copy that `version_key` (set in Redis just before) changed, and
    wait until each copy that heard it has dropped what it knew (at most ACK_SECONDS): so
    that a caching proxy purged next cannot fetch a page from before the purge out of a
    copy that has not yet read the news."""
    cache = _redis_cache()
    if cache is None:
        return
    ack_key = cache.make_key(f"{CHANNEL}:ack:{uuid.uuid4().hex}")
    heard = cache.publish(_channel(cache), f"{ack_key} {version_key}")
    deadline = time.monotonic() + ACK_SECONDS
    while heard:
        confirmed = cache.acknowledgements(ack_key)
        if confirmed is None or confirmed >= heard:  # Redis out: nothing to wait for
            return
        if time.monotonic() > deadline:
            logger.warning("Page cache: not every process confirmed a purge in time")
            return
        time.sleep(0.002)


class LocalCopy:
    """The page entries and versions this process knows to be current (see the module)."""

    def __init__(self, cache, capacity):
        self.capacity = capacity
        self._url = cache.primary_url
        self._channel = _channel(cache)
        self._lock = threading.Lock()
        self._pages = OrderedDict()  # page key -> (versions, expires (epoch s), payload)
        self._versions = {}  # version key -> value
        self._epoch = 0
        self._subscribed = False
        self._stopped = threading.Event()
        self._pid = None

    # --- lookups (request threads) -------------------------------------------------------

    def begin(self):
        """A token for `learn()`, or None while the listener is not subscribed (then the
        copy neither answers nor learns)."""
        if self._pid != os.getpid():
            self._start()
        with self._lock:
            return self._epoch if self._subscribed else None

    def get(self, version_keys, page_key):
        """(versions, payload) of the copied page if both versions are known to be current
        and it has not expired; else None."""
        with self._lock:
            if not self._subscribed:
                return None
            versions = tuple(self._versions.get(key) for key in version_keys)
            page = self._pages.get(page_key)
            if None in versions or page is None or page[0] != versions:
                return None
            if page[1] <= time.time():
                del self._pages[page_key]
                return None
            self._pages.move_to_end(page_key)
            return versions, page[2]

    def learn(self, token, versions, page_key=None, page=None):
        """Keep what a lookup that began at `token` read from Redis (`versions`: version key
        -> value) or stored there (`page`: (versions, expires, payload)), unless a purge
        arrived since."""
        with self._lock:
            if token is None or token != self._epoch or not self._subscribed:
                return
            self._versions.update(versions)
            if page is None or page[1] <= time.time():
                return
            self._pages[page_key] = page
            self._pages.move_to_end(page_key)
            while len(self._pages) > self.capacity:
                self._pages.popitem(last=False)

    # --- the listener thread -------------------------------------------------------------

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            # A forked process inherits neither the thread nor a right to the parent's copy.
            self._pid = os.getpid()
            self._forget(subscribed=False)
        threading.Thread(target=self._listen, name="pagecache-listener", daemon=True).start()

    def _forget(self, *, subscribed):
        self._epoch += 1
        self._pages.clear()
        self._versions.clear()
        self._subscribed = subscribed

    def _listen(self):
        import redis

        failures = 0
        while not self._stopped.is_set():
            pubsub = None
            try:
                client = redis.Redis.from_url(self._url, socket_connect_timeout=5)
                pubsub = client.pubsub()
                pubsub.subscribe(self._channel)
                failures = 0  # connected: the next loss is retried soon again
                self._receive(pubsub, client)
            except Exception as error:  # noqa: BLE001 (any failure: forget, then retry)
                if not self._stopped.is_set():
                    logger.warning("Page cache: the purge listener lost Redis (%s)", error)
            finally:
                with self._lock:
                    self._forget(subscribed=False)
                if pubsub is not None:
                    pubsub.close()
            self._stopped.wait(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
            failures += 1
        logger.debug("Page cache: the purge listener stopped")

    def _receive(self, pubsub, client):
        heard = pinged = time.monotonic()
        while not self._stopped.is_set():
            message = pubsub.get_message(timeout=0.5)
            now = time.monotonic()
            if message is not None:
                heard = now
                self._handle(message, client)
            if now - pinged >= PING_SECONDS:
                pubsub.ping()
                pinged = now
            if now - heard > SILENCE_SECONDS:
                raise ConnectionError(f"no answer from Redis for {SILENCE_SECONDS} s")

    def _handle(self, message, client):
        kind = message["type"]
        if kind == "subscribe":
            with self._lock:
                self._forget(subscribed=True)
        elif kind == "message":
            ack_key, version_key = message["data"].decode().split(" ", 1)
            with self._lock:
                self._epoch += 1
                self._versions.pop(version_key, None)
            with client.pipeline() as pipe:  # dropped: the purge may go on (announce_purge)
                pipe.incr(ack_key).expire(ack_key, 60).execute()

    def stop(self):
        self._stopped.set()


_copy = None
_copy_lock = threading.Lock()


def capacity():
    """How many pages each process's copy holds (PAGE_CACHE_LOCAL_ENTRIES; 0: no copy)."""
    return getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 0)


def copy():
    """This process's LocalCopy, or None when it is off (PAGE_CACHE_LOCAL_ENTRIES is 0) or
    the cache is not Redis (no channel to hear purges on)."""
    global _copy
    if _copy is None:
        entries = capacity()
        cache = _redis_cache()
        if entries <= 0 or cache is None:
            return None
        with _copy_lock:
            if _copy is None:
                _copy = LocalCopy(cache, entries)
    return _copy


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    global _copy
    if setting in ("CACHES", "PAGE_CACHE_LOCAL_ENTRIES") and _copy is not None:
        _copy.stop()
        _copy = None
