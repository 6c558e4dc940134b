"""ASGI entry point: gunicorn's asgi worker serves ``cityplan.asgi:application``
(cityplan/gunicorn.py).

The site itself is the WSGI application (cityplan.wsgi): Django renders each page in one
thread per worker process, one request at a time, keeping that thread's database
connection, exactly as under gunicorn's sync worker. What the event loop adds is HTTP
keep-alive, and a page this process's copy of the page cache holds (pagecache.local) is
answered in the loop itself, with no thread hand-off: a cached page is served while
another page is being rendered.

Without DJANGO_SETTINGS_MODULE it runs the production settings, as cityplan.wsgi does.
"""

import asyncio
import io
import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityplan.settings.production")

from cityplan.wsgi import application as wsgi_application  # noqa: E402 (sets Django up)
from pagecache.middleware import copied_page  # noqa: E402

logger = logging.getLogger(__name__)

# A request body above this size is spooled to a temporary file while it is read.
BODY_IN_MEMORY_BYTES = 1024 * 1024
# A render running longer than this ends the worker process, and gunicorn starts a fresh one,
# as its sync worker's timeout does: gunicorn's own timeout (the same variable, read by
# cityplan/gunicorn.py) only watches the event loop, which goes on answering meanwhile.
RENDER_TIMEOUT_SECONDS = int(os.environ.get("GUNICORN_TIMEOUT", "30"))


def _environ(scope, body):
    """The WSGI environ of an ASGI HTTP request (PEP 3333 from the ASGI spec's mapping)."""
    server = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode().decode("latin1"),
        "PATH_INFO": scope["path"].encode().decode("latin1"),
        "QUERY_STRING": scope["query_string"].decode("latin1"),
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1] or 80),
        "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if scope.get("client"):
        environ["REMOTE_ADDR"] = scope["client"][0]
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin1").upper().replace("-", "_")
        if name not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            name = f"HTTP_{name}"
        value = raw_value.decode("latin1")
        if name in environ:  # a repeated header: one value, as a WSGI server gives it
            value = f"{environ[name]}{'; ' if name == 'HTTP_COOKIE' else ','}{value}"
        environ[name] = value
    return environ


async def _read_body(receive):
    """The request body as a file (None if the client left before sending it all)."""
    message = await receive()
    if message["type"] == "http.disconnect":
        return None
    if not message.get("more_body"):  # all in one message, as every GET
        return io.BytesIO(message.get("body", b""))
    body = SpooledTemporaryFile(max_size=BODY_IN_MEMORY_BYTES)  # noqa: SIM115 (closed by caller)
    while True:
        body.write(message.get("body", b""))
        if not message.get("more_body"):
            body.seek(0)
            return body
        message = await receive()
        if message["type"] == "http.disconnect":
            body.close()
            return None


def _encode_headers(headers):
    return [(name.lower().encode("latin1"), value.encode("latin1")) for name, value in headers]


class WSGIBridge:
    """Runs the WSGI application for the event loop, in one thread per process, and ends
    the process when a render outlasts `timeout` seconds (0: never)."""

    def __init__(self, application, timeout):
        self.application = application
        self.timeout = timeout
        self._executor = None
        self._pid = None
        self._watchdog = None
        self._rendering_since = None
        self._rendering_path = None

    def _thread(self):
        # A forked worker inherits neither the parent's thread nor its event loop's tasks.
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wsgi")
            # Kept: the event loop holds its tasks only weakly.
            self._watchdog = asyncio.get_running_loop().create_task(self._watch())
        return self._executor

    async def _watch(self):
        while self.timeout > 0:
            await asyncio.sleep(min(1, self.timeout / 2))
            since = self._rendering_since
            if since is not None and time.monotonic() - since > self.timeout:
                logger.critical(
                    "A request has been rendering for over %s s (%s): the worker exits, "
                    "gunicorn starts a fresh one.",
                    self.timeout,
                    self._rendering_path,
                )
                os._exit(1)

    async def __call__(self, environ, send):
        loop = asyncio.get_running_loop()

        def send_from_thread(message):
            asyncio.run_coroutine_threadsafe(send(message), loop).result()

        await loop.run_in_executor(self._thread(), self._run, environ, send_from_thread)

    def _run(self, environ, send):
        def send_untimed(message):  # a slow reader is not a stuck render
            self._rendering_since = None
            send(message)
            self._rendering_since = time.monotonic()

        self._rendering_path = environ["PATH_INFO"]
        self._rendering_since = time.monotonic()
        try:
            self._respond(environ, send_untimed)
        finally:
            self._rendering_since = None

    def _respond(self, environ, send):
        start = {}

        def start_response(status, headers, exc_info=None):
            if exc_info and start.get("sent"):
                raise exc_info[1].with_traceback(exc_info[2])
            start["message"] = {
                "type": "http.response.start",
                "status": int(status.split(" ", 1)[0]),
                "headers": _encode_headers(headers),
            }

        result = self.application(environ, start_response)
        try:
            for chunk in result:
                if not start.get("sent"):
                    send(start["message"])
                    start["sent"] = True
                if chunk:
                    send({"type": "http.response.body", "body": chunk, "more_body": True})
            if not start.get("sent"):
                send(start["message"])
            send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            # Django's request_finished (closing the database connection when due) runs here.
            if hasattr(result, "close"):
                result.close()


async def _lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


class Application:
    """The ASGI application: a page in this process's copy of the page cache is answered in
    the event loop; every other request goes to the site (WSGIBridge)."""

    def __init__(self, application, timeout=RENDER_TIMEOUT_SECONDS):
        self.bridge = WSGIBridge(application, timeout)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":  # the site has no websockets
            await send({"type": "websocket.close", "code": 1008})
            return
        body = await _read_body(receive)
        if body is None:  # the client left before sending its request
            return
        with body:
            environ = _environ(scope, body)
            page = copied_page(environ)
            if page is not None:
                status, headers = page[0], _encode_headers(page[1])
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": page[2]})
                return
            await self.bridge(environ, send)


application = Application(wsgi_application)
