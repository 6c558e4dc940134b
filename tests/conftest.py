import os

# Playwright's sync API runs an event loop in the test thread; without this every browser
# test errors with SynchronousOnlyOperation while the test database is created.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

from django.core.cache import cache  # noqa: E402


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches the sites' root paths; a rolled-back test must not leave them behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """A Lithuanian site with one page of every type and its English translation."""
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def private_redis():
    """A throwaway redis-server for one test (tests/reliability/servers.py)."""
    from tests.reliability.servers import PrivateRedis

    server = PrivateRedis().start()
    yield server
    server.stop()
