"""Real servers for the reliability tests, started for real and stopped by their PID:
gunicorn with the production settings (tests/reliability/server_settings.py), a private
PostgreSQL cluster (scripts/postgres), a private OpenSearch node (scripts/opensearch) and a
private Redis (redis-server, which `make test` installs).

The suite's own PostgreSQL and OpenSearch are never stopped: what a test stops is its own,
on ports picked free at run time. A service that cannot start fails the test (never skips).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
SECRET_KEY = "reliability-tests-only-not-secret-4f8d2a9c7b1e6035"  # noqa: S105


def port_is_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_opensearch_port():
    """A port scripts/opensearch accepts (9201-9299) whose transport port (+100) is free too,
    and with no node directory of another run (the suite's node, tests/search's fallback)."""
    for port in range(9299, 9200, -1):
        taken_by_a_node = (ROOT / ".cache" / "opensearch" / f"node-{port}" / "pid").exists()
        if not taken_by_a_node and port_is_free(port) and port_is_free(port + 100):
            return port
    raise AssertionError("No free port from 9201 to 9299 for a private OpenSearch node")


def wait_until(condition, seconds, message, interval=0.2):
    """Poll ``condition()`` until it is true; fail with ``message`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (waited {seconds} s)")
        time.sleep(interval)


def run_script(name, command, env, timeout=240):
    """``scripts/<name> <command>``; fails the test with the script's messages."""
    result = subprocess.run(  # noqa: S603 (our own scripts)
        [str(SCRIPTS / name), command],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0 and not (command == "status" and result.returncode == 3):
        raise AssertionError(
            f"scripts/{name} {command} failed ({result.returncode}):\n{result.stderr}"
        )
    return result


class PrivatePostgres:
    """A throwaway PostgreSQL 15 cluster of one test (scripts/postgres with its own port and
    data directory), so that stopping it never touches the suite's database."""

    def __init__(self):
        self.port = free_port()
        # Under /tmp itself: as root, scripts/postgres runs the server as `postgres`, who
        # must reach the directory (pytest's tmp_path is private to root).
        self.data = Path(f"/tmp/cityplan-reliability-pg-{self.port}")  # noqa: S108
        self.env = {"PGPORT": str(self.port), "CITYPLAN_PGDATA": str(self.data)}

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/cityplan"

    def start(self):
        run_script("postgres", "start", self.env, timeout=120)

    def stop(self):
        run_script("postgres", "stop", self.env, timeout=120)

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.data, ignore_errors=True)

    def load_from(self, settings_dict):
        """Copy the database described by ``settings_dict`` (the tests' database, with what
        the test committed) into this cluster's database ``cityplan``."""
        pgbin = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
        source_env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
        dump = subprocess.run(  # noqa: S603
            [
                str(pgbin / "pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-h",
                settings_dict.get("HOST") or "127.0.0.1",
                "-p",
                str(settings_dict.get("PORT") or 5432),
                "-U",
                settings_dict.get("USER") or "postgres",
                settings_dict["NAME"],
            ],
            env=source_env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert dump.returncode == 0, dump.stderr.decode()
        load = subprocess.run(  # noqa: S603
            [
                str(pgbin / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "cityplan",
            ],
            input=dump.stdout,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert load.returncode == 0, load.stderr.decode()


class PrivateOpenSearch:
    """An OpenSearch node of one test (scripts/opensearch on a port of its own)."""

    def __init__(self):
        self.port = free_opensearch_port()
        self.env = {"OPENSEARCH_PORT": str(self.port)}
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        run_script("opensearch", "start", self.env)

    def stop(self):
        run_script("opensearch", "stop", self.env, timeout=60)

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(ROOT / ".cache" / "opensearch" / f"node-{self.port}", ignore_errors=True)


class PrivateRedis:
    """A throwaway redis-server on a free loopback port, nothing saved to disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, 10, "redis-server did not start")
        return self

    def answers(self):
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait(10)


def database_url(settings_dict):
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{settings_dict['NAME']}"


class Gunicorn:
    """``gunicorn -c cityplan/gunicorn.py`` with the production settings, on a free port: as
    deployed (the sync worker), or with `threads` that many threads per worker (gthread),
    for requests of one process that run at the same time. Production needs a shared cache:
    give `REDIS_URL` (a PrivateRedis's)."""

    def __init__(self, directory, database_url, workers=1, threads=None, **environment):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.directory = Path(directory)
        self.log_path = self.directory / "gunicorn.log"
        self.mail_dir = self.directory / "mail"
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "GUNICORN_"))
            and key not in ("DATABASE_URL", "OPENSEARCH_URL", "ELASTICSEARCH_URL", "REDIS_URL")
        }
        env.update(
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="tests.reliability.server_settings",
            DJANGO_SECRET_KEY=SECRET_KEY,
            DATABASE_URL=database_url,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            # Plain http on the loopback: no proxy in front to terminate TLS.
            DJANGO_SECURE_SSL_REDIRECT="False",
            DJANGO_SESSION_COOKIE_SECURE="False",
            DJANGO_HSTS_SECONDS="0",
            MEDIA_ROOT=str(self.directory / "media"),
            STATIC_ROOT=str(self.directory / "static"),
            # Four slashes: django-environ reads "filemail:///tmp/x" as the relative "tmp/x".
            EMAIL_URL=f"filemail:///{self.mail_dir}",
            WAGTAILADMIN_BASE_URL=self.url,
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_THREADS=None if threads is None else str(threads),
            # No recycling: a worker that restarts would hide what the tests look for.
            GUNICORN_MAX_REQUESTS="0",
            GUNICORN_MAX_REQUESTS_JITTER="0",
            GUNICORN_GRACEFUL_TIMEOUT="5",
        )
        env.update(environment)
        # None: leave the variable unset, for cityplan/gunicorn.py's default.
        self.env = {key: value for key, value in env.items() if value is not None}
        self.process = None

    def start(self, ready_path="/lt/", seconds=90):
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "cityplan/gunicorn.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited at start:\n{self.log()}")
            try:
                return requests.get(self.url + ready_path, timeout=10).status_code == 200
            except requests.RequestException:
                return False

        wait_until(ready, seconds, f"gunicorn did not serve {ready_path}:\n{self.log()}")
        return self

    def workers(self):
        """PIDs of the worker processes."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in path.read_text().split())

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                # The master and its workers: the process group gunicorn was started in.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()
