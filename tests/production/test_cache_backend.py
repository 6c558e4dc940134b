"""The Redis cache backend keeps one Redis client per connection pool."""

from cityplan.cache import CityRedisCache


def test_cache_operations_share_one_client_per_pool():
    cache = CityRedisCache("redis://127.0.0.1:6379/0", {})
    reader = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is reader
    assert cache._cache.get_client("c", write=True) is reader  # one server: one pool
    assert reader.connection_pool is cache._cache._get_connection_pool(write=False)


def test_each_server_pool_has_its_own_client():
    cache = CityRedisCache("redis://127.0.0.1:6379/0,redis://127.0.0.1:6380/0", {})
    writer = cache._cache.get_client("a", write=True)
    reader = cache._cache.get_client("a")
    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["port"] == 6379
    assert reader.connection_pool.connection_kwargs["port"] == 6380


def test_purges_are_published_on_the_server_written_to():
    cache = CityRedisCache("redis://127.0.0.1:6379/0,redis://127.0.0.1:6380/0", {})
    assert cache.primary_url == "redis://127.0.0.1:6379/0"
