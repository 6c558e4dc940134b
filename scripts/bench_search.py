#!/usr/bin/env python
"""Search latency at scale: generate ~10,000 pages, index them, time searches.

    OPENSEARCH_URL=http://127.0.0.1:9271 .venv/bin/python scripts/bench_search.py
    (or ELASTICSEARCH_URL=...; scripts/opensearch start prints the URL)

Not a test. It works in a database of its own (SQLite in .cache/bench/ unless
BENCH_DATABASE_URL is given) and in indices prefixed `bench_`, so it touches neither the
site's data nor the tests'. It loads the demo site, adds --pages generated news articles
(4 in 5 Lithuanian, 1 in 5 English) with indexing switched off, runs `update_index`, then
times --queries searches three ways:

  server   the search server's own time for the request ("took")
  search   search.site_search.search(): the request plus loading the page's results
  view     GET /<lang>/search/?q=... through Django (the request, results, template)

and prints p50/p95 of each (and writes them to .cache/bench/results.json).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".cache" / "bench"
DEFAULT_DATABASE = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"

LITHUANIAN_WORDS = [
    "miestas",
    "plėtra",
    "planas",
    "savivaldybė",
    "gyventojai",
    "projektas",
    "darbo",
    "grupė",
    "posėdis",
    "strategija",
    "investicijos",
    "aplinka",
    "kultūra",
    "sportas",
    "švietimas",
    "sveikata",
    "infrastruktūra",
    "ekonomika",
    "verslas",
    "bendruomenė",
    "taryba",
    "sprendimas",
    "biudžetas",
    "rodiklis",
    "tikslas",
    "priemonė",
    "ataskaita",
    "konsultacija",
    "vandentiekis",
    "nuotekos",
    "gatvė",
    "apšvietimas",
    "dviračių",
    "takas",
    "parkas",
    "mokykla",
    "darželis",
    "ligoninė",
    "poliklinika",
    "senjorai",
    "jaunimas",
    "šeima",
    "socialinis",
    "būstas",
    "atliekos",
    "rūšiavimas",
    "transportas",
    "autobusas",
    "maršrutas",
    "turizmas",
    "renginys",
    "muziejus",
    "biblioteka",
    "teatras",
    "paveldas",
    "pakrantė",
    "Nemunas",
    "Dainava",
    "Vidzgiris",
    "Putinai",
    "Alytus",
    "renovacija",
    "daugiabutis",
    "energija",
    "šiluma",
    "skaitmeninis",
    "paslauga",
    "portalas",
    "leidimas",
    "parama",
    "investuotojas",
    "pramonė",
    "parkas",
    "sklypas",
]
ENGLISH_WORDS = [
    "city",
    "development",
    "plan",
    "municipality",
    "residents",
    "project",
    "working",
    "group",
    "meeting",
    "strategy",
    "investment",
    "environment",
    "culture",
    "sport",
    "education",
    "health",
    "infrastructure",
    "economy",
    "business",
    "community",
    "council",
    "decision",
    "budget",
    "indicator",
    "goal",
    "measure",
    "report",
    "consultation",
    "water",
    "street",
    "lighting",
    "cycle",
    "path",
    "park",
    "school",
    "kindergarten",
    "hospital",
    "seniors",
    "youth",
    "family",
    "social",
    "housing",
    "waste",
    "sorting",
    "transport",
    "bus",
    "route",
    "tourism",
    "event",
    "museum",
    "library",
    "theatre",
    "heritage",
    "riverside",
    "renovation",
    "energy",
    "heating",
    "digital",
    "service",
    "portal",
    "permit",
    "support",
    "industry",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="reuse the generated database")
    return parser.parse_args()


def setup_django():
    if not (os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL")):
        sys.exit("bench_search: set OPENSEARCH_URL or ELASTICSEARCH_URL (scripts/opensearch start)")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    # Never the site's own database: only BENCH_DATABASE_URL or a file of its own.
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "bench_"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("ELASTICSEARCH_TIMEOUT", "30")
    os.environ["DJANGO_SETTINGS_MODULE"] = "cityplan.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def sentence(generator, words, length):
    return " ".join(generator.choice(words) for _ in range(length)).capitalize() + "."


def generate_pages(count):
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from wagtail.models import Locale

    from news.models import NewsArticlePage, NewsIndexPage

    generator = random.Random(10_000)  # noqa: S311
    indices = {
        code: NewsIndexPage.objects.get(locale=Locale.objects.get(language_code=code))
        for code in ("lt", "en")
    }
    quiet = {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}
    started = time.monotonic()
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": quiet}), transaction.atomic():
        for number in range(count):
            language = "en" if number % 5 == 4 else "lt"
            words = ENGLISH_WORDS if language == "en" else LITHUANIAN_WORDS
            title = sentence(generator, words, 5)[:-1]
            indices[language].add_child(
                instance=NewsArticlePage(
                    title=title,
                    slug=f"bench-{number}",
                    intro=sentence(generator, words, 25),
                    body="".join(f"<p>{sentence(generator, words, 40)}</p>" for _ in range(4)),
                    date=f"2021-{1 + number % 12:02d}-{1 + number % 28:02d}",
                )
            )
            if number and number % 1000 == 0:
                print(f"  {number} pages ({time.monotonic() - started:.0f} s)", flush=True)
    return time.monotonic() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values):
    return {
        "p50_ms": round(percentile(values, 0.5), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "mean_ms": round(statistics.fmean(values), 1),
    }


def main():
    args = parse_args()
    setup_django()
    import io

    from django.core.management import call_command
    from django.test import Client
    from django.utils import translation

    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from search import site_search

    database = Path(BENCH_DIR / "bench.sqlite3")
    if not args.keep and os.environ["DATABASE_URL"] == DEFAULT_DATABASE and database.exists():
        database.unlink()
    call_command("migrate", verbosity=0)
    existing = Page.objects.filter(slug__startswith="bench-").count()
    results = {"pages_requested": args.pages}
    if existing < args.pages:
        print("Loading the demo site ...", flush=True)
        call_command("load_demo", stdout=io.StringIO())
        print(f"Generating {args.pages} pages ...", flush=True)
        results["generate_seconds"] = round(generate_pages(args.pages), 1)
        print("Indexing (update_index) ...", flush=True)
        started = time.monotonic()
        call_command("update_index", stdout=io.StringIO())
        results["index_seconds"] = round(time.monotonic() - started, 1)
    backend = get_search_backend()
    page_index = backend.get_index_for_model(Page).name
    backend.es.indices.refresh(index=page_index)
    results["pages_in_index"] = backend.raw_count(page_index, {"match_all": {}})
    print(f"{results['pages_in_index']} pages in the index", flush=True)

    generator = random.Random(42)  # noqa: S311
    locales = {code: Locale.objects.get(language_code=code) for code in ("lt", "en")}
    client = Client()
    timings = {"server": [], "search": [], "view": []}
    backend_class = type(backend)
    original = backend_class.raw_search
    took = []

    def timed_raw_search(self, indices, body):
        response = original(self, indices, body)
        took.append(response["took"])
        return response

    backend_class.raw_search = timed_raw_search

    # Warm up the server's caches and Django's, as a running site has them.
    for _ in range(20):
        site_search.search("plėtros planas", "lt", locales["lt"])
    for number in range(args.queries):
        language = "en" if number % 5 == 4 else "lt"
        words = ENGLISH_WORDS if language == "en" else LITHUANIAN_WORDS
        query = " ".join(generator.choice(words) for _ in range(generator.choice((1, 2, 3))))
        if language == "lt" and number % 3 == 0:  # a third typed without diacritics
            from search.content import fold

            query = fold(query)
        with translation.override(language):
            started = time.monotonic()
            site_search.search(query, language, locales[language])
            timings["search"].append((time.monotonic() - started) * 1000)
        started = time.monotonic()
        response = client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
        timings["view"].append((time.monotonic() - started) * 1000)
        assert response.status_code == 200, response.status_code  # noqa: S101
    timings["server"] = took[20:]  # without the warm-up
    for name, values in timings.items():
        results[name] = summary(values)
    results["queries"] = args.queries
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
