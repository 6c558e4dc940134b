"""Local development: `make run`. SQLite, database search, console e-mail."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"  # noqa: F405
ALLOWED_HOSTS = ["*"]
PAGE_CACHE_SECONDS = 0  # see every edit at once
