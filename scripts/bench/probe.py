#!/usr/bin/env python
"""The benchmark's measurements that are not wrk runs (scripts/bench/run calls these).

    probe.py urls                      JSON {page type: path} of the pages benchmarked
    probe.py queries URLS STATIC_DIR   SQL queries per page (Django test client, page cache
                                       off, second request) and each page's HTML saved as
                                       STATIC_DIR/<type>.html for nginx; prints JSON
    probe.py latency BASE PATH N       N sequential GETs of BASE+PATH (the search term
                                       rotates); prints JSON p50/p95 in ms
    probe.py purge PROXY APP N         N times: publish a new title of the benchmarked news
                                       article through Wagtail, poll it through the caching
                                       proxy PROXY until it shows (APP: gunicorn); prints JSON
    probe.py cached MODE BASE URLS     whether each page is answered from MODE's cache after
                                       two GETs of BASE+path: the page cache's X-Page-Cache
                                       header (django-cache), or the entry of Django's
                                       per-site cache (django-site-cache; run with its
                                       settings); prints JSON {page type: true/false}

Django settings come from the environment (cityplan.settings.production).
"""

import json
import os
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
HOST = "localhost"
SEARCH_TERMS = ["planas", "miestas", "plėtros", "investicijos", "darbo grupė", "švietimas"]


def setup():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def urls():
    from wagtail.models import Locale

    from home.models import HomePage
    from news.models import NewsArticlePage, NewsIndexPage
    from plans.models import PlanDraftPage
    from workinggroups.models import WorkingGroupPage

    lt = Locale.objects.get(language_code="lt")

    def path(queryset):
        return queryset.filter(locale=lt).order_by("pk").first().specific.get_url()

    return {
        "home": path(HomePage.objects),
        "news index": path(NewsIndexPage.objects),
        "news article": path(NewsArticlePage.objects),  # the demo's: 200 comments
        "working group": path(WorkingGroupPage.objects),
        "plan draft": path(PlanDraftPage.objects),
        "search": "/lt/search/?q=planas",
    }


def queries(pages, static_dir):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    counts = {}
    for name, path in pages.items():
        client.get(path)  # warm: the first request fills per-process caches
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"probe: GET {path}: {response.status_code}")
        counts[name] = len(context.captured_queries)
        if os.environ.get("BENCH_SQL_LOG"):  # a file to write each page's queries to
            with open(os.environ["BENCH_SQL_LOG"], "a") as log:
                log.write(f"# {name} {path}: {counts[name]} queries\n")
                log.writelines(f"{query['sql']}\n" for query in context.captured_queries)
        (Path(static_dir) / f"{slug(name)}.html").write_bytes(response.content)
    return counts


def slug(name):
    return name.replace(" ", "-")


def get(url):
    request = urllib.request.Request(url, headers={"Host": HOST})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency(base, path, count):
    timings = []
    for number in range(count + 5):
        url = base + path
        if "q=" in path:
            url = url.split("q=")[0] + "q=" + quote(SEARCH_TERMS[number % len(SEARCH_TERMS)])
        started = time.perf_counter()
        status, _headers, _body = get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            sys.exit(f"probe: GET {url}: {status}")
        if number >= 5:  # the first few warm the search server up
            timings.append(elapsed)
    return {
        "requests": count,
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "mean_ms": round(statistics.fmean(timings), 1),
    }


def purge(proxy, app, trials):
    """Publish a new title ``trials`` times; each time, the seconds from publish() until the
    proxy serves it (None: not within 30 s)."""
    from news.models import NewsArticlePage

    page = NewsArticlePage.objects.filter(locale__language_code="lt").order_by("pk").first()
    url = proxy + page.get_url()
    delays, publishes, cached_before = [], [], set()
    for _trial in range(trials):
        get(url)
        _status, headers, _body = get(url)
        cached_before.add(headers.get("X-Proxy-Cache", ""))
        page.title = new_title = f"Bench {uuid.uuid4().hex[:8]}"
        revision = page.save_revision()
        started = time.monotonic()
        revision.publish()
        publishes.append(time.monotonic() - started)
        while (seen := time.monotonic() - started) < 30:
            _status, headers, body = get(url)
            if new_title.encode() in body:
                delays.append(seen)
                break
            time.sleep(0.01)
        else:
            _status, _headers, direct = get(app + page.get_url())
            return {
                "visible_s": None,
                "delays_s": [round(delay, 3) for delay in delays],
                "cached_before": sorted(cached_before),
                "gunicorn_has_it": new_title.encode() in direct,
            }
    return {
        "visible_s": round(max(delays), 3),
        "median_s": round(statistics.median(delays), 3),
        "delays_s": [round(delay, 3) for delay in delays],
        "publish_s": round(max(publishes), 3),
        "cached_before": sorted(cached_before),
    }


def cached(mode, base, pages):
    """{page type: answered from the cache} for the pages the wrk runs measured."""
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils.cache import get_cache_key
    from django.utils.translation import get_language_from_path

    found = {}
    for name, path in pages.items():
        get(base + path)
        _status, headers, _body = get(base + path)
        if mode == "django-cache":
            found[name] = headers.get("X-Page-Cache") == "hit"
        else:  # Django's per-site cache: the key FetchFromCacheMiddleware looks up
            request = RequestFactory().get(path, HTTP_HOST=HOST)
            request.LANGUAGE_CODE = get_language_from_path(path)  # as LocaleMiddleware sets
            del request.META["HTTP_COOKIE"]  # absent, as in wrk's requests: not empty
            key = get_cache_key(request, method="GET")
            found[name] = key is not None and cache.get(key) is not None
    return found


def main():
    command, *args = sys.argv[1:] or ["help"]
    if command == "latency":
        print(json.dumps(latency(args[0], args[1], int(args[2]))))
        return
    setup()
    if command == "urls":
        print(json.dumps(urls()))
    elif command == "queries":
        pages = json.loads(Path(args[0]).read_text())
        print(json.dumps(queries(pages, args[1])))
    elif command == "cached":
        pages = json.loads(Path(args[2]).read_text())
        print(json.dumps(cached(args[0], args[1], pages)))
    elif command == "purge":
        print(json.dumps(purge(args[0], args[1], int(args[2]))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
