import os

# Playwright's sync API runs an event loop in the test thread; without this every browser
# test errors with SynchronousOnlyOperation while the test database is created.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

from django.core.cache import cache  # noqa: E402

from tests.module_data import (  # noqa: E402
    build_bilingual_site,
    build_lithuanian_site,
    build_once,
    shared_or_built,
)

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


class WorkerGroups:
    """Under pytest-xdist (`--dist loadgroup`) what is built once for several tests goes to
    one worker together with them, instead of being built again in each worker that gets
    one of them: the demo site of the browser tests, a Django test class's test data
    (``setUpTestData``), and a module's shared site (``module_transaction``). Runs before
    xdist reads the groups; only tests that roll back are grouped by class or module, so
    that no group carries a committing test into the tests that roll back."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items):
        from django.test import TestCase

        modules = {}
        for item in items:
            modules.setdefault(item.module, []).append(item)
        sharing = {module for module, tests in modules.items() if shared_fixtures(tests)}
        for item in items:
            cls = getattr(item, "cls", None)
            if is_browser_test(item):
                group = "browser"
            elif not rolls_back(item):
                continue
            elif cls is not None and issubclass(cls, TestCase):
                group = f"{item.module.__name__}.{cls.__name__}"
            elif item.module in sharing:
                group = item.module.__name__
            else:
                continue
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):  # not under `-p no:xdist`
        config.pluginmanager.register(WorkerGroups(), "cityplan-worker-groups")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests one after another, right after the tests that roll back: they
    share the demo site, loaded once into the database as the migrations left it
    (tests/e2e/conftest.py), and the tests that commit come after them. Under pytest-xdist
    (`make test`) each worker has a database of its own and `--dist loadgroup
    --no-loadscope-reorder` hands out the tests in this order (the browser tests as one
    group), so the order holds in every worker."""
    if getattr(config.option, "loadgroup", False):  # a pytest-xdist worker, --dist loadgroup
        ungrouped = [
            item.nodeid
            for item in items
            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
        ]
        if ungrouped:
            raise pytest.UsageError(
                f"pytest-xdist did not group {len(ungrouped)} tests (e.g. {ungrouped[0]}): "
                "each worker would build their data again (see requirements-dev.txt)"
            )
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


# Fixtures that build a site, and the accounts beside it: built once per module where the
# module's tests allow it (module_transaction), else for each test.
SITE_FIXTURES = ("site_tree", "lt_site", "bilingual_site")
SHARED_FIXTURES = (*SITE_FIXTURES, "users")


def uses_database(item):
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    return bool(item.get_closest_marker("django_db")) or "db" in getattr(item, "fixturenames", ())


def shared_fixtures(items):
    """The site fixtures a module's tests can share, or None: each test that uses the
    database rolls back, is a pytest function (a Django test class closes the connection
    after its class) and asks for the same site as the others, or for none (it then finds
    that site in the database). The accounts (``users``) are then made with the site for
    every test of the module when one of them asks."""
    sites, requested = set(), set()
    for item in items:
        if not uses_database(item):
            continue
        if getattr(item, "cls", None) is not None or not rolls_back(item):
            return None
        names = set(item.fixturenames) & set(SHARED_FIXTURES)
        if names:
            sites.add(frozenset(names & set(SITE_FIXTURES)))
            requested |= names
    return frozenset(requested) if len(sites) == 1 and next(iter(sites)) else None


@pytest.fixture(scope="module")
def module_transaction(request, django_db_blocker):
    """A transaction around a module whose tests share their site (``shared_fixtures``):
    the site is built in it once, each test runs in a savepoint that pytest-django rolls
    back after it, and the whole is rolled back after the module. It gives the names of
    the shared fixtures; None for the other modules."""
    from django.db import transaction

    items = [item for item in request.session.items if item.module is request.module]
    shared = shared_fixtures(items)
    if shared is None:
        yield None
        return
    request.getfixturevalue("django_db_setup")  # (only here: other modules may need no database)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield shared
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_site_tree(module_transaction, django_db_blocker):
    return build_once(module_transaction, "site_tree", django_db_blocker, build_bilingual_site)


@pytest.fixture
def site_tree(module_site_tree, db):
    """A Lithuanian site with one page of every type and its English translation."""
    return shared_or_built(module_site_tree, build_bilingual_site)


@pytest.fixture(scope="module")
def module_lt_site(module_transaction, django_db_blocker):
    return build_once(module_transaction, "lt_site", django_db_blocker, build_lithuanian_site)


@pytest.fixture
def lt_site(module_lt_site, db):
    """The Lithuanian site alone (quicker where English plays no part)."""
    return shared_or_built(module_lt_site, build_lithuanian_site)


@pytest.fixture(scope="module", autouse=True)
def module_users(module_transaction, module_lt_site, django_db_blocker):
    """The accounts, made with a shared Lithuanian site before the module's first test."""
    from tests.approvals.helpers import create_accounts

    if module_lt_site is None:
        return None
    return build_once(
        module_transaction, "users", django_db_blocker, lambda: create_accounts(module_lt_site)
    )


@pytest.fixture
def users(module_users, lt_site):
    """One account per role (the demo's), beside the Lithuanian site."""
    from tests.approvals.helpers import create_accounts

    return shared_or_built(module_users, lambda: create_accounts(lt_site))


@pytest.fixture
def private_redis():
    """A throwaway redis-server for one test (tests/reliability/servers.py)."""
    from tests.reliability.servers import PrivateRedis

    server = PrivateRedis().start()
    yield server
    server.stop()
