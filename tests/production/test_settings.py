"""Production settings: `check --deploy` is clean, and the gunicorn configuration loads."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cityplan.settings.production",
    "DJANGO_SECRET_KEY": "k3Q9x-production-like-secret-for-the-deploy-check-0a8f7d6c5b4e3f2a1",
    "DJANGO_ALLOWED_HOSTS": "plan.alytus.example,www.plan.alytus.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://plan.alytus.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:8080",
}


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(PRODUCTION_ENV, **env)
    environment.setdefault("DATABASE_URL", "sqlite:///:memory:")
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_take_every_value_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['CONN_MAX_AGE'],"
        " s.DATABASES['default']['CONN_HEALTH_CHECKS']);"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']);"
        "print(s.SESSION_ENGINE);"
        "print(s.QUEUED_EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['URLS']);"
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS);"
        "print(s.STORAGES['staticfiles']['BACKEND'], s.STORAGES['default']['OPTIONS']);"
        "print(s.WAGTAILFRONTENDCACHE['proxy']['LOCATION']);"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.X_FRAME_OPTIONS,"
        " s.SECURE_REFERRER_POLICY, 'core.csp.CityCSPMiddleware' in s.MIDDLEWARE);"
        "print(s.TASKS['default']['BACKEND'], s.EMAIL_BACKEND)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DATABASE_URL="postgres://u:p@db.internal:5432/cityplan",
        DJANGO_CONN_MAX_AGE="120",
        MEDIA_ROOT="/srv/cityplan/media",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "django.db.backends.postgresql 120 True"
    assert lines[1] == "django_redis.cache.RedisCache redis://127.0.0.1:6379/0"
    assert lines[2] == "django.contrib.sessions.backends.cached_db"
    assert lines[3] == "django.core.mail.backends.smtp.EmailBackend smtp.example.org 587 True"
    assert lines[4] == "['http://127.0.0.1:9200']"
    assert lines[5] == (
        "['plan.alytus.example', 'www.plan.alytus.example'] ['https://plan.alytus.example']"
    )
    assert lines[6] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage "
        "{'location': '/srv/cityplan/media'}"
    )
    assert lines[7] == "http://127.0.0.1:8080"
    assert lines[8] == "31536000 True True DENY same-origin True"
    assert lines[9] == "django_tasks_db.DatabaseBackend core.mail.QueuedEmailBackend"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    """Without Redis each process would keep its own cache: a page made private in one
    would stay public in the others (the security review's "stale privacy")."""
    result = run_manage("check", REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def run_gunicorn_configuration(lines, **env):
    """Run `lines` of Python after loading cityplan/gunicorn.py as gunicorn does (`app.cfg` is
    the configuration), in a process of their own; the completed process."""
    code = (
        "from gunicorn.app.base import Application\n"
        "class App(Application):\n"
        "    def init(self, *a): pass\n"
        "    def load(self): pass\n"
        "app = App(usage='', prog='gunicorn')\n"
        "app.load_config_from_file('cityplan/gunicorn.py')\n"
        + "".join(f"{line}\n" for line in lines)
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_gunicorn_configuration_reads_the_environment():
    result = run_gunicorn_configuration(
        ["c = app.cfg", "print(c.bind, c.workers, c.timeout, c.control_socket_disable)"],
        GUNICORN_BIND="127.0.0.1:8123",
        GUNICORN_WORKERS="2",
        GUNICORN_TIMEOUT="17",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['127.0.0.1:8123'] 2 17 True"
