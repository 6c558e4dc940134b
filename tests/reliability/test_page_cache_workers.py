"""The page cache under gunicorn as deployed: production settings on Redis, the site preloaded,
gunicorn's sync worker and its recycling. A burst of readers is answered from the cache by
the same two workers, and a purge made elsewhere reaches every worker at once: they share
one cache.

Real parts: gunicorn (cityplan/gunicorn.py), a private redis-server, the tests' PostgreSQL.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from django.db import connection

from news.models import NewsArticlePage
from pagecache import store
from tests.reliability.servers import Gunicorn, database_url

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

BURST = 3000
CLIENTS = 8


def read(url, count):
    """(status, X-Page-Cache, body) of `count` requests, each on a new connection (so that
    both workers answer some)."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=20), range(count)))
    return [(r.status_code, r.headers.get("X-Page-Cache"), r.text) for r in responses]


def test_a_burst_is_served_from_the_cache_and_a_purge_reaches_every_worker(
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

        answers = read(server.url + article.url, BURST)
        assert {status for status, _, _ in answers} == {200}
        assert sum(hit == "hit" for _, hit, _ in answers) >= BURST - CLIENTS
        assert server.workers() == workers, "workers were recycled during the burst"

        # A change that purges nothing: every worker keeps answering the cached page.
        NewsArticlePage.objects.filter(pk=article.pk).update(title="Pakeistas pavadinimas")
        before = read(server.url + article.url, 100)
        assert all("Pakeistas pavadinimas" not in body for _, _, body in before)

        # A purge (as publishing makes one) in this process, on the Redis the workers share:
        # from when it returns, no worker answers the old page.
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": private_redis.url,
                "KEY_PREFIX": "cityplan",
            }
        }
        store.purge_url(article.full_url)
        after = read(server.url + article.url, 200)
        stale = [hit for _, hit, body in after if "Pakeistas pavadinimas" not in body]
        assert not stale, f"{len(stale)} of 200 answers were the purged page"
        assert server.workers() == workers
    finally:
        server.stop()
