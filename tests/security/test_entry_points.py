"""The server's entry point never falls back to development settings (review item 2).

A server started without DJANGO_SETTINGS_MODULE (a forgotten line in a unit file) must run
the production settings, and so refuse to start without DJANGO_SECRET_KEY, never the
development ones (DEBUG on, a public key, any host). `manage.py` keeps `dev` as its local
default (README, "Configuration").

Each case imports the application in a fresh interpreter whose environment has no DJANGO_*
variable, as a process manager would start gunicorn.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k3Q9x-entry-point-test-secret-not-used-anywhere-else-0a8f7d6c5b4e3f"
REPORT = (
    "from django.conf import settings;"
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SECRET_KEY == {secret!r},"
    " settings.ALLOWED_HOSTS)"
)


def run_python(code, *args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DATABASE_URL"] = "sqlite:///:memory:"
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, *args, "-c", code] if code else [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_server_without_settings_module_or_secret_refuses_to_start():
    result = run_python("import cityplan.wsgi")
    assert result.returncode != 0, result.stdout
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_a_server_without_settings_module_runs_production_settings():
    result = run_python(
        "import cityplan.wsgi;" + REPORT.format(secret=SECRET),
        DJANGO_SECRET_KEY=SECRET,
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_DEBUG="True",  # production ignores it
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "cityplan.settings.production",
        "False",
        "True",
        "['127.0.0.1',",
        "'localhost']",
    ]


def test_manage_py_keeps_development_settings_as_the_local_default():
    result = run_python(
        None, "manage.py", "shell", "--no-imports", "-c", REPORT.format(secret=SECRET)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["cityplan.settings.dev", "True", "False"]
