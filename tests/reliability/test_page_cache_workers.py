"""The page cache under gunicorn as deployed: production settings on Redis, the site preloaded,
gunicorn's default worker and its recycling. A burst of readers is answered from the
cache by the same two workers, and a purge has reached every worker's own copy of the page
(pagecache/local.py) when it returns.

Real parts: gunicorn (cityplan/gunicorn.py), a private redis-server, the tests' PostgreSQL.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import requests

from django.db import connection

from news.models import NewsArticlePage
from pagecache import local, store
from tests.reliability.servers import Gunicorn, database_url, wait_until

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

BURST = 3000
CLIENTS = 8


def read(url, count):
    """(status, X-Page-Cache, body) of `count` requests, each on a new connection (so that
    both workers answer some)."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=20), range(count)))
    return [(r.status_code, r.headers.get("X-Page-Cache"), r.text) for r in responses]


def test_a_burst_is_served_by_the_same_workers_and_a_purge_reaches_each(
    site_tree, private_redis, tmp_path, settings
):
    article = site_tree.lt["article"]
    server = Gunicorn(
        tmp_path,
        database_url(connection.settings_dict),
        workers=2,
        REDIS_URL=private_redis.url,
        DJANGO_PAGE_CACHE_SECONDS="300",
        # cityplan/gunicorn.py's own recycling, not the other reliability tests' "never".
        GUNICORN_MAX_REQUESTS=None,
        GUNICORN_MAX_REQUESTS_JITTER=None,
    )
    try:
        server.start(ready_path=article.url)
        workers = server.workers()
        assert len(workers) == 2, server.log()

        with requests.Session() as session:  # keep-alive, as a browser or a proxy
            answers = [session.get(server.url + article.url, timeout=20) for _ in range(BURST)]
        assert {a.status_code for a in answers} == {200}
        assert sum(a.headers["X-Page-Cache"] == "hit" for a in answers) >= BURST - 2
        assert server.workers() == workers, "workers were recycled during the burst"

        # Each worker listens for purges once it has looked a page up.
        channel = f"cityplan:1:{local.CHANNEL}"
        subscribers = redis.Redis.from_url(private_redis.url).pubsub_numsub
        read(server.url + article.url, 200)
        wait_until(
            lambda: subscribers(channel)[0][1] == 2, 10, "not every worker listens for purges"
        )
        read(server.url + article.url, 200)  # now copied by each worker

        # A change that purges nothing: every worker keeps answering the cached page.
        NewsArticlePage.objects.filter(pk=article.pk).update(title="Pakeistas pavadinimas")
        before = read(server.url + article.url, 100)
        assert all("Pakeistas pavadinimas" not in body for _, _, body in before)

        # A purge (as publishing makes one): from when it returns, no worker answers the old
        # page, so a caching proxy purged next cannot fetch it again.
        settings.CACHES = {
            "default": {
                "BACKEND": "cityplan.cache.CityRedisCache",
                "LOCATION": private_redis.url,
                "KEY_PREFIX": "cityplan",
            }
        }
        store.purge_url(article.full_url)  # returns once every worker's copy dropped it
        after = read(server.url + article.url, 200)
        stale = [hit for _, hit, body in after if "Pakeistas pavadinimas" not in body]
        assert not stale, f"{len(stale)} of 200 answers were the purged page"
        assert server.workers() == workers
    finally:
        server.stop()
