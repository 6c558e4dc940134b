"""The benchmark's floor for gunicorn: an ASGI application that answers each benchmarked
page with its HTML held in memory (the files scripts/bench/run saved for nginx).

Served with the site's gunicorn configuration (same worker class, workers and access log),
it measures what gunicorn itself costs per request, which no Python application it serves
can go below: the Django-level cache is compared with it as well as with nginx.
"""

import os
from pathlib import Path

STATIC_DIR = Path(os.environ["BENCH_STATIC_DIR"])
PAGES = {f"/{path.name}": path.read_bytes() for path in STATIC_DIR.glob("*.html")}


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = PAGES.get(scope["path"])
    status, content_type = (200, b"text/html; charset=utf-8") if body else (404, b"text/plain")
    body = body or b"not found"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
