"""gunicorn configuration: `gunicorn -c cityplan/gunicorn.py`.

Every value from the environment (README table), with defaults for one small host.
"""

import gc
import multiprocessing
import os

# gunicorn's asgi worker: an event loop per worker process, with keep-alive, that answers
# pages from the worker's copy of the page cache itself and hands every other request to
# the site, rendered in one thread as under the sync worker (cityplan/asgi.py). In
# `make bench` it served cached pages about twice as fast as the sync worker, and rendered
# pages as fast. "sync" serves the WSGI application (cityplan/wsgi.py) the classic way.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "asgi")
wsgi_app = "cityplan.asgi:application" if worker_class == "asgi" else "cityplan.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads connections
# over them. On one shared socket, an asgi worker's event loop, idle while its thread
# renders, took new connections as readily as an idle worker, and at times all of them:
# `make bench` saw half the uncached throughput, one worker doing nothing.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "1") != "0"
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
# Threads of the sync worker only (more than one makes it gunicorn's gthread worker, whose
# threads share one interpreter lock: rendering was about 20 % slower with four).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Load the site once in the master and fork the workers from it: a worker starts in
# milliseconds instead of a second of imports, and the workers share the loaded code.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# Recycle workers now and then, so that a slow leak cannot grow without bound. A page from
# the cache costs a fraction of a millisecond, so under a spike a worker answers thousands
# of requests a second: recycling after a few thousand would restart workers all the time.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
# gunicorn's logger, with the default access log line built at a third of the cost.
logger_class = "cityplan.accesslog.AccessLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# The proxy in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 opens a control socket under ~/.gunicorn/ unless told not to.
control_socket_disable = True


def pre_fork(server, worker):
    """Freeze the objects the master holds (with `preload_app`, the loaded site: modules,
    models, URLs, templates) before forking a worker: they are never garbage, and the
    worker's full garbage collections no longer walk them (nor write to their memory pages,
    which stay shared with the master). About 0.3 ms less CPU per rendered page."""
    gc.freeze()
