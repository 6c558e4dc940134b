"""The ASGI application gunicorn serves (cityplan/asgi.py): the site's WSGI application gets
each request as a WSGI server would give it, its response goes out whole and is closed,
a render that hangs ends the worker, and a page in this process's copy of the page cache
is answered without the site, but never to a reader it was not made for.

Real parts: a private redis-server for the copy; the bridge is driven as gunicorn's event
loop drives it."""

import asyncio
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
import redis

from cityplan.asgi import Application
from pagecache import local, store
from tests.reliability.servers import ROOT, PrivateRedis, wait_until


class Site:
    """A WSGI application that records what it was given and answers with `chunks`."""

    def __init__(self, chunks=(b"<p>svetaine</p>",), headers=()):
        self.chunks = chunks
        self.headers = list(headers)
        self.environs = []
        self.bodies = []
        self.closed = 0

    def __call__(self, environ, start_response):
        self.environs.append(environ)
        self.bodies.append(environ["wsgi.input"].read())
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), *self.headers])
        site = self

        class Response:
            def __iter__(self):
                yield from site.chunks

            def close(self):
                site.closed += 1

        return Response()


def http_scope(path="/lt/", method="GET", headers=(), scheme="http", query=b""):
    return {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver"), *headers],
        "server": ("127.0.0.1", 8000),
        "client": ("203.0.113.7", 53211),
    }


def run(coroutine):
    """Run `coroutine` to its end on an event loop of its own, in another thread: the
    browser tests' Playwright leaves one running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def call(application, scope, body_parts=(b"",)):
    """Run one request through `application`: (status, headers dict, body)."""
    messages = [
        {"type": "http.request", "body": part, "more_body": i < len(body_parts) - 1}
        for i, part in enumerate(body_parts)
    ]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    run(application(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert sent[-1]["type"] == "http.response.body" and not sent[-1].get("more_body")
    headers = {name.decode(): value.decode() for name, value in start["headers"]}
    return start["status"], headers, body


def test_the_site_gets_the_request_as_a_wsgi_server_gives_it():
    site = Site()
    large = b"x" * (2 * 1024 * 1024)  # over what is kept in memory while it is read
    scope = http_scope(
        "/lt/comments/post/",
        method="POST",
        query=b"a=1",
        headers=[
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(large) + 6).encode()),
            (b"cookie", b"csrftoken=abc"),
            (b"cookie", b"sessionid=def"),
            (b"x-forwarded-proto", b"https"),
        ],
    )
    status, _, body = call(Application(site), scope, [b"abc", b"def", large])
    assert (status, body) == (200, b"<p>svetaine</p>")
    environ = site.environs[0]
    assert site.bodies == [b"abcdef" + large]
    assert environ["REQUEST_METHOD"] == "POST"
    assert environ["PATH_INFO"] == "/lt/comments/post/"
    assert environ["QUERY_STRING"] == "a=1"
    assert environ["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert environ["CONTENT_LENGTH"] == str(len(large) + 6)
    assert environ["HTTP_COOKIE"] == "csrftoken=abc; sessionid=def"
    assert environ["HTTP_X_FORWARDED_PROTO"] == "https"
    assert environ["REMOTE_ADDR"] == "203.0.113.7"
    assert (environ["SERVER_NAME"], environ["SERVER_PORT"]) == ("127.0.0.1", "8000")


def test_a_streamed_response_goes_out_whole_and_is_closed():
    site = Site(chunks=[b"pirma ", b"", b"antra ", b"trecia"])
    status, headers, body = call(Application(site), http_scope("/documents/1/planas.pdf"))
    assert (status, body) == (200, b"pirma antra trecia")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert site.closed == 1  # Django's request_finished runs on close()


def test_lifespan_is_answered():
    sent = []
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message["type"])

    run(Application(Site())({"type": "lifespan"}, receive, send))
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_a_render_that_hangs_ends_the_worker_process():
    # The render never returns: only the watchdog can end the process (else the run's
    # timeout fails the test), and it says why.
    script = textwrap.dedent(
        """
        import threading
        from cityplan.asgi import Application
        from tests.production.test_asgi import call, http_scope

        def hanging(environ, start_response):
            threading.Event().wait()

        call(Application(hanging, timeout=1), http_scope())
        print("the render returned")
        """
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert "has been rendering for over 1 s (/lt/)" in result.stderr
    assert "the render returned" not in result.stdout


# --- pages from this process's copy of the page cache --------------------------------------

PAGE = b"<p>is kopijos</p>"


@pytest.fixture(scope="module")
def redis_server():
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def copy_of(settings, redis_server):
    """Store a page for an origin and path, read it once so that this process's copy has
    it: then the copy alone can answer it."""
    redis.Redis.from_url(redis_server.url).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "cityplan.cache.CityRedisCache", "LOCATION": redis_server.url}
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_LOCAL_ENTRIES = 10
    copy = local.copy()
    wait_until(lambda: copy.begin() is not None, 5, "the purge listener did not subscribe")

    def store_page(origin, path):
        entry = store.Entry(origin, path, "")
        entry.lookup()
        entry.store(200, [("Content-Type", "text/html; charset=utf-8")], PAGE)
        assert store.Entry(origin, path, "").lookup()[2] == PAGE

    return store_page


def test_a_copied_page_is_answered_without_the_site(copy_of):
    copy_of("http://testserver", "/lt/")
    site = Site()
    application = Application(site)
    for _ in range(3):  # the first one builds a Django request, the others reuse its answer
        status, headers, body = call(application, http_scope("/lt/"))
        assert (status, body, headers["x-page-cache"]) == (200, PAGE, "hit")
        assert headers["content-length"] == str(len(PAGE))
    assert site.environs == []


def test_a_purge_stops_the_copied_answer(copy_of):
    copy_of("http://testserver", "/lt/")
    site = Site()
    application = Application(site)
    assert call(application, http_scope("/lt/"))[2] == PAGE
    handle = local.LocalCopy._handle

    def busy_handle(copy, message, client):  # a process slow to read the news
        time.sleep(0.2)
        handle(copy, message, client)

    with mock.patch.object(local.LocalCopy, "_handle", busy_handle):
        store.purge_path("/lt/")  # returns once every copy that heard it has dropped the page
    assert call(application, http_scope("/lt/"))[2] == b"<p>svetaine</p>"


def test_the_copy_never_answers_a_reader_the_page_was_not_made_for(copy_of, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as in production
    copy_of("http://testserver", "/lt/")
    site = Site()
    application = Application(site)
    assert call(application, http_scope("/lt/"))[2] == PAGE  # an anonymous reader: a hit
    others = [
        http_scope("/lt/", headers=[(b"cookie", b"sessionid=abc")]),  # logged in
        http_scope("/lt/", headers=[(b"cookie", b"messages=abc")]),  # a message waiting
        http_scope("/lt/", method="POST"),
        http_scope("/lt/", scheme="https"),  # another origin: another entry
        http_scope("/lt/", headers=[(b"x-forwarded-proto", b"https")]),  # from the proxy
        http_scope("/lt/", query=b"page=2"),
        http_scope("/admin/"),
    ]
    for scope in others:
        assert call(application, scope)[2] == b"<p>svetaine</p>", scope
    assert len(site.environs) == len(others)
    # A cookie that is nobody's session does not stand in the way.
    other_cookie = http_scope("/lt/", headers=[(b"cookie", b"csrftoken=abc")])
    assert call(application, other_cookie)[2] == PAGE

    settings.ALLOWED_HOSTS = ["alytus.lt"]  # Django refuses testserver now: so does the copy
    assert call(application, http_scope("/lt/"))[2] == b"<p>svetaine</p>"
