"""Production: every value from the environment (see the README table).

Serve with gunicorn (`gunicorn -c cityplan/gunicorn.py`) behind a caching proxy that
terminates TLS and sets X-Forwarded-Proto (docs/nginx.conf.example).
"""

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    EMAIL_BACKEND,
    INSTALLED_APPS,
    MIDDLEWARE,
    SECRET_KEY,
    WAGTAILFRONTENDCACHE,
    env,
)

DEBUG = False
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set in production.")

CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Data: persistent connections, checked before reuse (a restarted PostgreSQL is
# reconnected to without restarting the workers).
DATABASES = {
    **DATABASES,
    "default": {
        **DATABASES["default"],
        "CONN_MAX_AGE": env("DJANGO_CONN_MAX_AGE"),
        "CONN_HEALTH_CHECKS": True,
    },
}

# --- Cache and sessions: Redis (REDIS_URL, base.py), required: the web workers and the task
# worker must share one cache, or a purge or a privacy change made in one process would
# leave the others serving what they kept. Sessions in the cache, backed by the database,
# so that a Redis restart logs nobody out.
if not env("REDIS_URL"):
    raise RuntimeError(
        "REDIS_URL must be set in production: the web and task worker processes share "
        "their cache (pages, the site's chrome, rate limits) through Redis."
    )
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background work: a persistent queue in PostgreSQL, run by `manage.py db_worker`
# (docs/operations.md, "Background work"). E-mail is queued too, then sent by the worker over SMTP.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
QUEUED_EMAIL_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"

# --- Static files: compressed, content-hashed names, served by whitenoise.
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("MEDIA_ROOT")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# --- Frontend cache (a caching proxy in front, purged on publish): docs/nginx.conf.example.
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        **WAGTAILFRONTENDCACHE,
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        },
    }

# --- Public comments: behind the proxy (docs/nginx.conf.example) the client's address, which
# the comment rate limit counts, is the one the proxy appends to X-Forwarded-For.
FEEDBACK_PROXY_COUNT = env.int("FEEDBACK_PROXY_COUNT", default=1)

# --- Security headers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env("DJANGO_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env("DJANGO_SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Frames: denied everywhere; Wagtail's admin marks its preview views SAMEORIGIN itself
# (xframe_options_sameorigin), and frame-ancestors below allows only this origin.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): CONTENT_SECURITY_POLICY in base.py.
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.csp.CityCSPMiddleware",
)

# --- Logging: to stderr (gunicorn and the process manager collect it). Request errors
# (500s), database outages (core.outage), search-server failures and e-mail problems
# are logged with their tracebacks; DJANGO_LOG_LEVEL sets the threshold (default INFO).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"}
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # 404s and other client errors are not the site's errors.
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
