"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache
operation, and building one (its table of response callbacks) costs about as much as the
round trip to Redis. A client is thread-safe and only borrows connections from its pool, so
one per pool is enough; Django already keeps one backend (with its own pools) per thread.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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


class CityRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `ReusingRedisCacheClient`, and
    Redis's publish/subscribe for the page cache's purges (pagecache/local.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @property
    def primary_url(self):
        """The server written to (the first of LOCATION), where purges are published."""
        return self._cache._servers[0]

    def publish(self, channel, message):
        self._cache.get_client(write=True).publish(channel, message)
