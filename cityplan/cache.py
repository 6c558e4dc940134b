"""Django's Redis cache, with one Redis client per connection pool instead of one per call,
and a site that goes on without Redis when Redis cannot be reached.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache
operation, and building one (its table of response callbacks) costs about as much as the
round trip to Redis. A client is thread-safe and only borrows connections from its pool, so
one per pool is enough; Django already keeps one backend (with its own pools) per thread.

Everything the site keeps in Redis can be done without (pages and the site shell are
rendered, sessions are read from the database, the comment rate limit lets attempts
through), so a Redis that refuses connections or does not answer within the socket
timeout (OPTIONS, production: `REDIS_TIMEOUT`) makes a read a miss and drops a write, and
is then not asked again for OUTAGE_SECONDS: a request waits on a silent Redis at most once
in that time, in each process.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

OUTAGE_SECONDS = 5
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class _Outages:
    """Until when each server (by address) is skipped, in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = {}

    def skipping(self, server):
        return self._until.get(server, 0) > time.monotonic()

    def began(self, server, error):
        with self._lock:
            self._until[server] = time.monotonic() + OUTAGE_SECONDS
        logger.warning(
            "Redis at %s cannot be reached (%s): the site goes on without its cache, "
            "and tries again in %s s.",
            server,
            error,
            OUTAGE_SECONDS,
        )

    def clear(self):
        self._until.clear()


outages = _Outages()


def _without_redis(method, fallback):
    """The cache method `method`, answering `fallback(*args, **kwargs)` while Redis is out."""

    def call(self, *args, **kwargs):
        if outages.skipping(self.server):
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except OUTAGE_ERRORS as error:
            outages.began(self.server, error)
            return fallback(*args, **kwargs)

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")  # as for a key Redis does not hold


class CityRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `ReusingRedisCacheClient`, that
    does without Redis while it cannot be reached (see the module), and Redis's
    publish/subscribe for the page cache's purges (pagecache/local.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        # Where the cache writes, without a password, for the log and the outage table.
        address = urlsplit(self._servers[0])
        self.server = f"{address.hostname}:{address.port or 6379}"

    get = _without_redis(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _without_redis(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _without_redis(RedisCache.has_key, lambda *args, **kwargs: False)
    add = _without_redis(RedisCache.add, lambda *args, **kwargs: False)
    set = _without_redis(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _without_redis(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = _without_redis(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _without_redis(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _without_redis(RedisCache.delete_many, lambda *args, **kwargs: None)
    incr = _without_redis(RedisCache.incr, _missing_key)
    clear = _without_redis(RedisCache.clear, lambda *args, **kwargs: None)

    @property
    def primary_url(self):
        """The server written to (the first of LOCATION), where purges are published."""
        return self._cache._servers[0]

    def _publish(self, channel, message):
        """Publish `message` on `channel`: how many subscribers heard it."""
        return self._cache.get_client(write=True).publish(channel, message)

    def _acknowledgements(self, key):
        """The count subscribers added to `key` (a full key, as make_key() gives it); None
        while Redis is out."""
        return int(self._cache.get_client(write=True).get(key) or 0)

    publish = _without_redis(_publish, lambda *args, **kwargs: 0)
    acknowledgements = _without_redis(_acknowledgements, lambda *args, **kwargs: None)
