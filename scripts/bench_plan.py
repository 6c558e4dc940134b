"""Render time of a large plan (5 priorities × 3 goals × 3 objectives × 3 measures × 2
indicators = 405 elements, values for every indicator) on a throwaway SQLite database.

Usage: .venv/bin/python scripts/bench_plan.py [renders]   (prints median and p95 in ms)
A benchmark, not a test: figures depend on the machine; they go in the closing notes.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ["DJANGO_SETTINGS_MODULE"] = "cityplan.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.models import IndicatorValue, PlanDraftPage  # noqa: E402
from plans.tree import walk  # noqa: E402
from tests.factories import PlanDraftPageFactory, build_site  # noqa: E402
from tests.plans.plan_data import plan_tree  # noqa: E402


def main(renders=30):
    call_command("migrate", verbosity=0)
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
    for element in walk(page.outline()):
        if element.kind == "indicator":
            for year, value in ((2022, 12), (2024, 14)):
                IndicatorValue.objects.create(
                    plan=page, indicator_id=element.id, year=year, value=value
                )
    client = Client()
    client.get(page.url)  # warm caches
    timings = []
    for _ in range(renders):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(page.url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"the plan page answered {response.status_code}")
    timings.sort()
    p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
    print(
        f"large plan (405 elements, 270 charts): median {statistics.median(timings):.0f} ms, "
        f"p95 {p95:.0f} ms, {len(queries)} queries, {len(response.content) // 1024} KiB HTML"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
