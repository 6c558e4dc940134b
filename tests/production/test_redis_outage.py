"""Redis out of reach: the site goes on without its cache (cityplan/cache.py). Readers get
their pages, a logged-in editor stays logged in, and a silent Redis costs one wait per
outage window, not one per request; when Redis is back, the cache is used again.

Real parts: a private redis-server, stopped or paused (SIGSTOP) under the test."""

from unittest import mock

import pytest
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache import caches

from cityplan import cache as city_cache
from cityplan.cache import ReusingRedisCacheClient
from tests.reliability.servers import wait_until

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def redis_cache(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "cityplan.cache.CityRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0  # every lookup asks Redis
    city_cache.outages.clear()
    yield
    city_cache.outages.clear()


class RedisCalls:
    """Counts the cache's calls that reach for a Redis client."""

    def __enter__(self):
        self.count = 0
        original = ReusingRedisCacheClient.get_client

        def get_client(client, *args, **kwargs):
            self.count += 1
            return original(client, *args, **kwargs)

        self._patch = mock.patch.object(ReusingRedisCacheClient, "get_client", get_client)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def test_readers_get_pages_while_redis_is_down(client, site_tree, private_redis, caplog):
    url = site_tree.lt["article"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    private_redis.stop()
    with RedisCalls() as calls:
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200
            assert site_tree.lt["article"].title in response.content.decode()
    assert calls.count == 1, "Redis was asked again within the outage window"
    assert "cannot be reached" in caplog.text
    assert private_redis.url.split("//")[1].split("/")[0] in caplog.text


def test_an_editor_stays_logged_in_while_redis_is_down(client, site_tree, private_redis, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("redaktore", "r@example.lt", "slaptas-123")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    private_redis.stop()
    response = client.get("/admin/")
    assert response.status_code == 200  # not the login page (a redirect)


def test_a_silent_redis_costs_one_wait_per_window(client, site_tree, private_redis):
    url = site_tree.lt["article"].url
    client.get(url)
    private_redis.pause()
    try:
        with (
            RedisCalls() as calls,
            mock.patch.object(city_cache.outages, "began", wraps=city_cache.outages.began) as began,
        ):
            for _ in range(6):
                assert client.get(url).status_code == 200
    finally:
        private_redis.resume()
    # It waited for Redis once, until the socket timeout...
    assert began.call_count == 1
    assert isinstance(began.call_args.args[1], RedisTimeoutError)
    # ...and did not ask it again, so the requests after did not wait.
    assert calls.count == 1, "Redis was asked again within the outage window"


def test_the_cache_is_used_again_when_redis_is_back(client, site_tree, private_redis):
    url = site_tree.lt["article"].url
    with mock.patch.object(city_cache, "OUTAGE_SECONDS", 1):
        private_redis.pause()
        try:
            assert client.get(url).status_code == 200
            assert city_cache.outages.skipping(caches["default"].server)
        finally:
            private_redis.resume()
        wait_until(
            lambda: client.get(url)["X-Page-Cache"] == "hit", 10, "the cache was not used again"
        )
