"""The benchmark's floor for gunicorn: a WSGI application that answers each benchmarked
page with its HTML held in memory (the files scripts/bench/run saved for nginx).

Served with the site's gunicorn configuration (same workers, same access log), it measures
what gunicorn itself costs per request, which no Python application it serves can go below:
the Django-level cache is compared with it as well as with nginx.
"""

import os
from pathlib import Path

STATIC_DIR = Path(os.environ["BENCH_STATIC_DIR"])
PAGES = {f"/{path.name}": path.read_bytes() for path in STATIC_DIR.glob("*.html")}


def application(environ, start_response):
    body = PAGES.get(environ.get("PATH_INFO", ""))
    if body is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]
