"""Redis out of reach: the site goes on without its cache (django-redis with
IGNORE_EXCEPTIONS, and core.redis's breaker). Readers get their pages, a logged-in editor
stays logged in, and a silent Redis costs one wait per window, not one per cache call;
when Redis is back, the cache is used again.

Real parts: a private redis-server, stopped or paused (SIGSTOP) under the test. The waits
are counted (commands sent, connections tried, breaker trips), never timed."""

import socket
from unittest import mock

import pytest
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.conf import settings as django_settings

from core import redis as breaker_module
from core.redis import breaker
from tests.reliability.servers import wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def redis_cache(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {
                **django_settings.REDIS_CACHE_OPTIONS,
                "SOCKET_CONNECT_TIMEOUT": TIMEOUT,
                "SOCKET_TIMEOUT": TIMEOUT,
            },
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    breaker.reset()
    yield
    breaker.reset()


class RedisTraffic:
    """Counts the commands sent to Redis and the connections opened to it."""

    def __init__(self, port):
        self.port = port

    def __enter__(self):
        self.connections = []
        original_connect = socket.socket.connect

        def connect(sock, address):
            if address[1] == self.port:
                self.connections.append(address)
            return original_connect(sock, address)

        self.patches = [
            mock.patch.object(
                Connection, "send_packed_command", autospec=True,
                side_effect=Connection.send_packed_command,
            ),
            mock.patch.object(socket.socket, "connect", connect),
        ]  # fmt: skip
        self.sent = self.patches[0].start()
        self.patches[1].start()
        return self

    def __exit__(self, *exc):
        for patch in self.patches:
            patch.stop()


def test_readers_get_pages_while_redis_is_down(client, site_tree, private_redis, caplog):
    url = site_tree.lt["article"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    private_redis.stop()
    with (
        RedisTraffic(private_redis.port) as traffic,
        mock.patch.object(breaker, "trip", wraps=breaker.trip) as trips,
    ):
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200
            assert site_tree.lt["article"].title in response.content.decode()
    # One refused connection opened the breaker; nothing was tried again within its window.
    assert trips.call_count == 1
    assert len(traffic.connections) == 1, "Redis was tried again within the window"
    assert "the site goes on without its cache" in caplog.text
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
            RedisTraffic(private_redis.port) as traffic,
            mock.patch.object(breaker, "trip", wraps=breaker.trip) as trips,
        ):
            for _ in range(6):
                assert client.get(url).status_code == 200
    finally:
        private_redis.resume()
    # It waited for Redis once, until the socket timeout...
    assert trips.call_count == 1
    assert isinstance(trips.call_args.args[1], RedisTimeoutError)
    # ...and sent nothing more, so the requests after did not wait.
    assert traffic.sent.call_count == 1, "Redis was asked again within the window"


def test_the_cache_is_used_again_when_redis_is_back(client, site_tree, private_redis):
    url = site_tree.lt["article"].url
    with mock.patch.object(breaker_module, "SKIP_SECONDS", 1):
        private_redis.pause()
        try:
            assert client.get(url).status_code == 200
            with pytest.raises(RedisConnectionError):  # left alone for now
                breaker.check(f"127.0.0.1:{private_redis.port}")
        finally:
            private_redis.resume()
        wait_until(
            lambda: client.get(url)["X-Page-Cache"] == "hit", 10, "the cache was not used again"
        )
