"""PostgreSQL restarted under read load: readers get a readable 503 page while it is down
(never a 500 or a traceback), and the same gunicorn workers serve pages again once it is
back, without being restarted (persistent connections checked before reuse).

Real parts: gunicorn with the production settings on a private PostgreSQL cluster
(scripts/postgres on a free port, a copy of the test's database), stopped and started again
while four reader threads keep requesting pages.
"""

import threading

import pytest
import requests

from django.db import connection
from django.utils import translation

from tests.reliability.servers import Gunicorn, PrivatePostgres, wait_until

# Transactional: the server reads what the test committed. serialized_rollback as every
# transactional test of the suite (tests/production/test_background.py says why).
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

UNAVAILABLE = "The site is temporarily unavailable"
READERS = 4


@pytest.fixture
def private_postgres():
    cluster = PrivatePostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


class Readers:
    """Threads that request ``urls`` in turn until stopped, recording every answer with the
    phase of the test in which it was asked."""

    def __init__(self, base_url, urls):
        self.base_url = base_url
        self.urls = urls
        self.phase = "before"
        self.results = []  # (phase, url, status, headers, body); phase: asked and answered
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(READERS)]

    def read(self, number):
        count = 0
        while not self.stopping.is_set():
            url = self.urls[(number + count) % len(self.urls)]
            count += 1
            phase = self.phase
            # A query string of its own: never answered from the page cache.
            target = url.replace("{n}", f"{number}-{count}")
            try:
                response = requests.get(self.base_url + target, timeout=20)
                status, headers, body = response.status_code, response.headers, response.text
            except requests.RequestException as error:
                status, headers, body = None, {}, repr(error)
            # A request that spans two phases (asked before PostgreSQL stopped, answered
            # after) belongs to neither.
            if self.phase != phase:
                phase = f"{phase}-{self.phase}"
            result = (phase, url, status, headers, body)
            with self.lock:
                self.results.append(result)

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            if thread.ident is not None:
                thread.join(timeout=30)

    def count(self, phase, status=None, url=None):
        with self.lock:
            return sum(
                1
                for result in self.results
                if result[0] == phase
                and (status is None or result[2] == status)
                and (url is None or result[1] == url)
            )


def test_readers_get_a_503_page_during_a_restart_and_pages_after_it(
    site_tree, private_postgres, private_redis, tmp_path
):
    article = site_tree.lt["article"].url
    urls = [
        "/lt/",  # the home page, which the page cache may answer during the outage
        article + "?r={n}",  # the article, past the page cache
        "/lt/search/?q=darbo&r={n}",  # search (the database backend), never cached
    ]
    uncached = urls[1:]
    private_postgres.load_from(connection.settings_dict)
    server = Gunicorn(
        tmp_path,
        private_postgres.url,
        workers=2,
        DJANGO_CONN_MAX_AGE="60",
        REDIS_URL=private_redis.url,
    )
    readers = Readers(server.url, urls)
    try:
        server.start()
        workers = server.workers()
        assert len(workers) == 2, server.log()
        readers.start()
        wait_until(
            lambda: all(readers.count("before", 200, url) >= 2 for url in urls),
            60,
            "the pages were not served before the restart",
        )

        readers.phase = "outage"  # from the moment PostgreSQL starts shutting down
        private_postgres.stop()
        wait_until(
            lambda: all(readers.count("outage", 503, url) >= 2 for url in uncached),
            60,
            "no 503 answers while PostgreSQL was stopped",
        )

        readers.phase = "restarted"
        private_postgres.start()

        def pages_again():
            return all(
                requests.get(server.url + url.replace("{n}", "probe"), timeout=20).status_code
                == 200
                for url in urls
            )

        wait_until(pages_again, 60, "the site did not serve pages after PostgreSQL restarted")
        readers.phase = "after"
        wait_until(
            lambda: readers.count("after") >= 6 * len(urls),
            60,
            "the readers made too few requests after the restart",
        )
        workers_after = server.workers()
    finally:
        readers.stop()
        server.stop()

    # Nothing but pages and the outage page: no 500, no dropped connection.
    unexpected = [r for r in readers.results if r[2] not in (200, 503)]
    assert not unexpected, [(r[0], r[1], r[2], r[4][:500]) for r in unexpected[:5]]
    # Before the restart and once it is over: pages.
    for phase in ("before", "after"):
        failed = [r for r in readers.results if r[0] == phase and r[2] != 200]
        assert not failed, [(r[0], r[1], r[2], r[4][:500]) for r in failed[:5]]
    # During it: the outage page, in Lithuanian, with when to retry.
    with translation.override("lt"):
        heading = f"<h1>{translation.gettext(UNAVAILABLE)}</h1>"
    outage_pages = [r for r in readers.results if r[2] == 503]
    assert outage_pages
    for _phase, url, _status, headers, body in outage_pages:
        assert heading in body, (url, body[:1000])
        assert '<html lang="lt">' in body
        assert "Traceback" not in body
        assert headers["Retry-After"] == "30"
    # The same workers throughout: the site recovered without a restart of its own.
    assert workers_after == workers, server.log()
