"""Each process's copy of the page cache (pagecache/local.py), on a real Redis: a hit from
the copy costs no round trip, and the copy never outlives a purge, whichever process purges,
however the purge and a lookup interleave, and whatever happens to the listener's
connection."""

import subprocess
import sys
import time
from unittest import mock

import pytest
import redis

from news.models import NewsArticlePage
from pagecache import local, store
from tests.reliability.servers import ROOT, PrivateRedis, wait_until

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PATH = "/lt/naujienos/kopija/"


@pytest.fixture(scope="module")
def redis_server():
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def redis_cache(settings, redis_server):
    redis.Redis.from_url(redis_server.url).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "cityplan.cache.CityRedisCache", "LOCATION": redis_server.url}
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_LOCAL_ENTRIES = 10


def listening():
    """This process's copy, once its listener has subscribed."""
    copy = local.copy()
    assert copy is not None
    wait_until(lambda: copy.begin() is not None, 5, "the purge listener did not subscribe")
    return copy


def redis_asked():
    return mock.patch.object(store.cache, "get_many", side_effect=AssertionError("Redis asked"))


def copied_page(path=PATH, content=b"<p>senas</p>"):
    """Store a page and read it once from Redis, so that the copy has it."""
    listening()
    entry = store.Entry(ORIGIN, path, "")
    entry.lookup()
    entry.store(200, [("Content-Type", "text/html")], content)
    assert store.Entry(ORIGIN, path, "").lookup()[2] == content
    return content


def test_a_hit_from_the_copy_costs_no_redis_round_trip(client, site_tree):
    url = site_tree.lt["article"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    listening()
    assert client.get(url)["X-Page-Cache"] == "hit"  # from Redis, and copied
    with redis_asked():
        third = client.get(url)
    assert third["X-Page-Cache"] == "hit"
    assert third.content == first.content


def test_a_purge_in_another_process_has_reached_the_copy_when_it_returns(
    client, site_tree, redis_server
):
    article = site_tree.lt["article"]
    client.get(article.url)
    listening()
    client.get(article.url)
    # A change that purges nothing: readers keep the copied page.
    NewsArticlePage.objects.filter(pk=article.pk).update(title="Pakeistas pavadinimas")
    with redis_asked():
        assert "Pakeistas pavadinimas" not in client.get(article.url).content.decode()
    # Another process (a worker, the task runner) purges the page.
    purge = (
        "import sys, django; from django.conf import settings;"
        "settings.configure(CACHES={'default': {'BACKEND': 'cityplan.cache.CityRedisCache',"
        " 'LOCATION': sys.argv[1]}}); django.setup();"
        "from pagecache import store; store.purge_url(sys.argv[2])"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", purge, redis_server.url, article.full_url], cwd=ROOT, check=True
    )
    # The purge returned once this process's copy had dropped the page (so a caching proxy
    # purged next cannot fetch the old page from it): no waiting here.
    assert "Pakeistas pavadinimas" in client.get(article.url).content.decode()


def test_a_page_read_just_before_a_purge_is_not_copied():
    copy = listening()
    entry = store.Entry(ORIGIN, PATH, "")
    entry.copy = None  # stored by another process: this one has not read it yet
    entry.lookup()
    entry.store(200, [], b"<p>senas</p>")
    read_from_redis = store.cache.get_many

    def read_then_purge(keys):
        found = read_from_redis(keys)  # the page as it was
        heard = copy._epoch
        store.purge_path(PATH)  # by another request, before the read is copied
        wait_until(lambda: copy._epoch != heard, 2, "the purge was not heard")
        return found

    with mock.patch.object(store.cache, "get_many", side_effect=read_then_purge):
        assert store.Entry(ORIGIN, PATH, "").lookup()[2] == b"<p>senas</p>"
    assert store.Entry(ORIGIN, PATH, "").lookup() is None


def test_a_purge_unheard_while_the_listener_is_cut_off_is_not_missed(redis_server):
    content = copied_page()
    with redis_asked():
        assert store.Entry(ORIGIN, PATH, "").lookup()[2] == content
    redis.Redis.from_url(redis_server.url).client_kill_filter(_type="pubsub")
    # A purge whose announcement nobody hears: the listener is not connected.
    store.cache.set(store._path_version_key(PATH), "po-atjungimo", None)
    wait_until(
        lambda: store.Entry(ORIGIN, PATH, "").lookup() is None,
        3,
        "the copy kept answering after its listener was cut off",
    )
    listening()  # and it subscribes again by itself
    assert store.Entry(ORIGIN, PATH, "").lookup() is None


def test_the_copy_stops_answering_when_redis_goes_silent(redis_server):
    copy = listening()
    copied_page()
    redis_server.pause()
    try:
        wait_until(
            lambda: copy.begin() is None,
            local.SILENCE_SECONDS + local.PING_SECONDS + 2,
            "the copy kept answering while Redis did not",
        )
    finally:
        redis_server.resume()
    listening()


def test_a_copied_page_expires_when_it_does_in_redis(settings):
    settings.PAGE_CACHE_SECONDS = 1
    copied_page()
    time.sleep(1.2)
    assert store.Entry(ORIGIN, PATH, "").lookup() is None


def test_the_copy_keeps_the_most_recently_read_pages(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    paths = [f"/lt/puslapis-{n}/" for n in range(3)]
    for path in paths:
        copied_page(path)
    with redis_asked():
        for path in paths[1:]:
            assert store.Entry(ORIGIN, path, "").lookup() is not None
        with pytest.raises(AssertionError, match="Redis asked"):
            store.Entry(ORIGIN, paths[0], "").lookup()
