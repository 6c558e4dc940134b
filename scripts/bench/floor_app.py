"""The benchmark's floor for gunicorn: a WSGI application that answers each benchmarked
page with its HTML held in memory (the files scripts/bench/run saved for nginx).

Served with the site's gunicorn configuration (the sync worker, same workers and access
log), it measures what gunicorn itself costs per request, which no Python application it
serves can go below: the page cache is compared with it as well as with nginx.
"""

import os
from pathlib import Path

STATIC_DIR = Path(os.environ["BENCH_STATIC_DIR"])
PAGES = {f"/{path.name}": path.read_bytes() for path in STATIC_DIR.glob("*.html")}


def application(environ, start_response):
    body = PAGES.get(environ.get("PATH_INFO", ""))
    if body is None:
        status, content_type, body = "404 Not Found", "text/plain", b"not found"
    else:
        status, content_type = "200 OK", "text/html; charset=utf-8"
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
