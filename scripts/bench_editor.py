"""Open time of the admin editors of a large plan in chromium (the issue 22 goal: ≤ 1.5 s).

    .venv/bin/python scripts/bench_editor.py [OPENS] [--json FILE]

Builds the large plan of scripts/bench_plan.py (5 priorities × 3 goals × 3 objectives × 3
measures × 2 indicators) in a throwaway SQLite database, serves it with `runserver`, signs
in an administrator in Debian's chromium (Playwright, /usr/bin/chromium) and opens, OPENS
times each, the page's editor and the editors of one priority, goal and objective. An open
is timed from the navigation to the first frame after the `load` event: the server's answer
and the browser's building of every StreamField input (Wagtail builds them in scripts at
load).

Prints the median and the slowest open of each editor, when its HTML had arrived (the
server's part) and the number of form fields the browser built (and writes them to FILE as
JSON; `make bench` reports them). A benchmark, not a test: figures depend on the machine.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
GOAL_MS = 1500
USERNAME, PASSWORD = "bench-admin", "bench-password"  # noqa: S105 (a throwaway database)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(database_url):
    """Migrate the throwaway database and build the large plan; the editors' paths."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityplan.settings.test"
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    import django

    django.setup()
    from bench_plan import build_plan

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    page, elements = build_plan()
    get_user_model().objects.create_superuser(USERNAME, "bench@example.org", PASSWORD)
    editors = {"page editor": f"/admin/pages/{page.pk}/edit/"}
    from plans.editor import part_editor_url

    priority = page.plan_tree.raw_data[0]
    goal = priority["value"]["goals"][0]
    objective = goal["value"]["objectives"][0]
    for kind, part in (("priority", priority), ("goal", goal), ("objective", objective)):
        editors[f"{kind} editor"] = part_editor_url(page.pk, part["id"])
    return editors, len(elements)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench_editor: {url} did not answer")


def time_opens(page, url, opens):
    timings, answers = [], []
    for _ in range(opens):
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")
        timings.append((time.perf_counter() - started) * 1000)
        # The server's part: until the last byte of the HTML arrived.
        answers.append(page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd"))
    fields = page.locator("form input, form select, form textarea").count()
    return {
        "median_ms": round(statistics.median(timings)),
        "max_ms": round(max(timings)),
        "html_ms": round(statistics.median(answers)),
        "fields": fields,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("opens", nargs="?", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cityplan-bench-editor.") as folder:
        database_url = f"sqlite:///{Path(folder) / 'editor.sqlite3'}"
        editors, elements = build(database_url)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", str(port)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/admin/login/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page(locale="lt-LT")
                page.goto(f"{base}/admin/login/")
                page.fill("input[name=username]", USERNAME)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{base}/admin/")
                figures = {"opens": args.opens, "elements": elements, "editors": {}}
                for name, path in editors.items():
                    page.goto(base + path, wait_until="load")  # static files, caches
                    figures["editors"][name] = time_opens(page, base + path, args.opens)
                browser.close()
        finally:
            server.terminate()
            server.wait()

    print(
        f"large plan ({elements} elements), chromium, {args.opens} opens each: "
        + "; ".join(
            f"{name} median {row['median_ms']} ms (HTML received after {row['html_ms']} ms; "
            f"slowest {row['max_ms']} ms; {row['fields']} form fields)"
            for name, row in figures["editors"].items()
        )
        + f"; goal: ≤ {GOAL_MS} ms"
    )
    if args.json:
        args.json.write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
