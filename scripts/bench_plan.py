"""Render time of a large plan (5 priorities × 3 goals × 3 objectives × 3 measures × 2
indicators = 405 elements, values for every indicator: 270 charts) in-process, on a
throwaway SQLite database with the page cache off. The plan page shows the outline
(priorities and goals); each priority's own view shows its 54 charts, timed cold as well.

    .venv/bin/python scripts/bench_plan.py [RENDERS] [--json FILE]

Times RENDERS requests through Django's test client two ways and prints the median and p95
of each (and writes them to FILE as JSON; `make bench` reports them beside the goal):

  cold   the cache emptied before each render: no page and no fragment kept, what the first
         reader after a publish waits for (the goal's "uncached")
  warm   the page cache off, the site's fragment caches kept (the plan outline, the trail)

A benchmark, not a test: figures depend on the machine.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 200


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[max(0, round(len(ordered) * share) - 1)]


def build_plan():
    from plans.models import IndicatorValue, PlanDraftPage
    from plans.tree import walk
    from tests.factories import PlanDraftPageFactory, build_site
    from tests.plans.plan_data import plan_tree

    site = build_site(translate_to_english=False)
    tree = plan_tree(
        priorities=5,
        goals=3,
        objectives=3,
        measures=3,
        indicators=2,
        group_ids=[site.lt["group"].pk],
    )
    page = PlanDraftPageFactory(
        parent=site.lt["plan_index"],
        title="Didelis planas",
        slug="didelis",
        stage="adopted",
        plan_tree=tree,
    )
    page.save_revision().publish()
    page = PlanDraftPage.objects.get(pk=page.pk)
    elements = list(walk(page.outline()))
    for element in elements:
        if element.kind == "indicator":
            for year, value in ((2022, 12), (2024, 14)):
                IndicatorValue.objects.create(
                    plan=page, indicator_id=element.id, year=year, value=value
                )
    return page, elements


def time_renders(client, url, renders, before=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(renders):
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"bench_plan: {url} answered {response.status_code}")
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": len(queries),
        "html_kib": len(response.content) // 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("renders", nargs="?", type=int, default=30)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory(prefix="cityplan-bench-plan.") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'plan.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "cityplan.settings.test"  # page cache off
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        page, elements = build_plan()
        charts = sum(element.kind == "indicator" for element in elements)
        client = Client()
        client.get(page.url)  # the first request fills per-process caches
        cold = time_renders(client, page.url, args.renders, before=cache.clear)
        client.get(page.url)
        warm = time_renders(client, page.url, args.renders)
        priority = time_renders(client, f"{page.url}priority/1/", args.renders, before=cache.clear)

    figures = {
        "renders": args.renders,
        "elements": len(elements),
        "charts": charts,
        "cold": cold,
        "warm": warm,
        "priority": priority,
    }
    print(
        f"large plan ({len(elements)} elements, {charts} charts), {args.renders} renders: "
        f"cold median {cold['median_ms']:.0f} ms, p95 {cold['p95_ms']:.0f} ms "
        f"({cold['queries']} queries); fragments kept: median {warm['median_ms']:.0f} ms, "
        f"p95 {warm['p95_ms']:.0f} ms ({warm['queries']} queries); {cold['html_kib']} KiB "
        f"HTML; goal: median ≤ {GOAL_MS} ms cold; a priority's view (54 charts) cold: median "
        f"{priority['median_ms']:.0f} ms, {priority['queries']} queries, "
        f"{priority['html_kib']} KiB HTML"
    )
    if args.json:
        args.json.write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
