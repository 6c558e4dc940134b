import os

# Playwright's sync API runs an event loop in the test thread; without this every browser
# test errors with SynchronousOnlyOperation while the test database is created.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

from django.core.cache import cache  # noqa: E402

# What makes a test commit to the database instead of rolling back (pytest-django runs those
# after the tests that roll back, as Django does).
COMMITTING_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def is_browser_test(item):
    return "demo_site" in getattr(item, "fixturenames", ())


def rolls_back(item):
    """Whether pytest-django runs ``item`` in a transaction that it rolls back."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if marker is None and "db" not in fixtures:
        return False
    flags = {}
    if marker is not None:  # django_db(transaction=False, reset_sequences=False, ...)
        positional = dict(zip(("transaction", "reset_sequences"), marker.args[:2], strict=False))
        flags = {**positional, **marker.kwargs}
    return not (
        flags.get("transaction") or flags.get("reset_sequences") or fixtures & COMMITTING_FIXTURES
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests one after another, right after the tests that roll back: they
    share the demo site, loaded once into the database as the migrations left it
    (tests/e2e/conftest.py), and the tests that commit come after them."""
    browser = [item for item in items if is_browser_test(item)]
    for item in browser:
        if item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid}: a browser test shares the demo database (tests/e2e/conftest.py); "
                "a django_db marker would empty it after the test"
            )
    others = [item for item in items if not is_browser_test(item)]
    first_after = next((i for i, item in enumerate(others) if not rolls_back(item)), len(others))
    items[:] = others[:first_after] + browser + others[first_after:]


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
