#!/usr/bin/env python
"""The benchmark's report: tables and the goals' verdicts, from the run's results.

    report.py RESULTS_DIR REPORT_MD

RESULTS_DIR holds what scripts/bench/run wrote: wrk--<mode>--<page> (wrk's output with the
BENCH_JSON line of wrk.lua), queries.json, memory-<mode> (kB), cached-<mode>.json,
search.json, purge.json, plan.json, editor.json and meta.json. Prints the report as
Markdown and writes it to REPORT_MD.
"""

import json
import sys
from pathlib import Path

STATIC = "static"
FLOOR = "gunicorn-floor"  # gunicorn serving the page's HTML from memory (floor_app.py)
PAGE_CACHE = "django-cache"  # the site's page cache (pagecache/)
SITE_CACHE = "django-site-cache"  # Django's per-site cache in its place (sitecache_settings)
MODES = (STATIC, FLOOR, "uncached", PAGE_CACHE, SITE_CACHE, "proxy")
GUNICORN_MODES = ("uncached", PAGE_CACHE, SITE_CACHE, "proxy")
PAGES = ("home", "news index", "news article", "working group", "plan draft", "search")

PROXY_SHARE = 1 / 3  # goal 1: the caching proxy, of nginx static, every page type
PURGE_SECONDS = 1.0  # goal 1: a publish visible through the proxy
PAGE_CACHE_OVER_SITE_CACHE = 1.0  # goal 2: the page cache at least as fast as Django's
UNCACHED_SHARE = 1 / 600  # goal 3: page cache off, every public page type
QUERY_BUDGET = 15  # goal 4: SQL queries on any public page
PLAN_RENDER_MS = 200  # goal 5: the large plan, uncached, in-process (median)
EDITOR_OPEN_MS = 1500  # goal 6 (issue 22): any part of the large plan's editor, chromium


def wrk_figures(path):
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    return None


def read_json(path, default=None):
    return json.loads(path.read_text()) if path.exists() else default


def ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def rps(row):
    return f"{row['rps']:.1f}" if row else "–"


def ratio_text(ratio):
    if ratio is None:
        return "–"
    if ratio == 0:
        return "0"
    if ratio >= 0.5:
        return f"{ratio:.2f}"
    inverse = 1 / ratio
    return f"1/{inverse:.1f}" if inverse < 10 else f"1/{inverse:.0f}"


def verdict(met):
    if met is None:
        return "not measured"
    return "**met**" if met else "**NOT met**"


def lowest(values):
    """(lowest value, its page) of {page: value}, skipping pages not measured."""
    found = [(value, page) for page, value in values.items() if value is not None]
    return min(found) if found else (None, "–")


def main():
    results, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta = read_json(results / "meta.json")
    queries = read_json(results / "queries.json", {})
    search = read_json(results / "search.json")
    purge = read_json(results / "purge.json", {})
    plan = read_json(results / "plan.json")
    editor = read_json(results / "editor.json")
    answered = {
        mode: read_json(results / f"cached-{mode}.json") for mode in (PAGE_CACHE, SITE_CACHE)
    }
    memory = {
        mode: int((results / f"memory-{mode}").read_text() or 0)
        for mode in GUNICORN_MODES
        if (results / f"memory-{mode}").exists()
    }
    figures = {
        (mode, page): wrk_figures(results / f"wrk--{mode}--{page.replace(' ', '-')}")
        for mode in MODES
        for page in PAGES
    }

    def share(mode, page):
        """requests/s of `mode` over nginx static on the same page."""
        row, static = figures[mode, page], figures[STATIC, page]
        return row["rps"] / static["rps"] if row and static and static["rps"] else None

    lines = [
        "# Benchmark",
        "",
        f"Scale {meta['scale']} of the issue's site; wrk {meta['wrk']}, warm-up {meta['warmup']}, "
        f"then {meta['duration']} with --latency; gunicorn's sync worker, {meta['workers']} "
        f"workers; search on {meta['search']}; {meta['cpus']} CPUs; commit {meta['commit']}; "
        f"{meta['date']}. Ratios are requests/s over nginx serving the same page's HTML as a "
        "static file, in the same run.",
        "",
        "| page | mode | req/s | p50 ms | p99 ms | ratio to static | errors / non-2xx |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in PAGES:
        for mode in MODES:
            row = figures[mode, page]
            if row is None:
                lines.append(f"| {page} | {mode} | – | – | – | – | not run |")
                continue
            lines.append(
                f"| {page} | {mode} | {row['rps']:.1f} | {ms(row['p50_us'])} | "
                f"{ms(row['p99_us'])} | {'1' if mode == STATIC else ratio_text(share(mode, page))}"
                f" | {row['errors']} / {row['non2xx']} |"
            )

    # Goal 2: the page cache against Django's per-site cache, page by page.
    over_site_cache = {}
    lines += [
        "",
        "No proxy: the page cache (pagecache/) against Django's own per-site cache "
        "(UpdateCacheMiddleware first, FetchFromCacheMiddleware last, CACHE_MIDDLEWARE_SECONDS; "
        "scripts/bench/sitecache_settings.py), both in the same Redis, in this run:",
        "",
        "| page | page cache req/s | Django per-site cache req/s | page cache / Django per-site "
        "cache | p50 ms (page cache / Django) | answered from the cache (page cache / Django) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in PAGES:
        ours, django = figures[PAGE_CACHE, page], figures[SITE_CACHE, page]
        ratio = ours["rps"] / django["rps"] if ours and django and django["rps"] else None
        over_site_cache[page] = ratio
        hits = " / ".join(
            "–" if answered[mode] is None else ("yes" if answered[mode].get(page) else "**no**")
            for mode in (PAGE_CACHE, SITE_CACHE)
        )
        lines.append(
            f"| {page} | {rps(ours)} | {rps(django)} | "
            f"{f'{ratio:.2f}' if ratio is not None else '–'} | "
            f"{ms(ours['p50_us']) if ours else '–'} / {ms(django['p50_us']) if django else '–'} "
            f"| {hits} |"
        )

    lines += [
        "",
        "| page | SQL queries (page cache off) |",
        "| --- | ---: |",
        *(f"| {page} | {queries.get(page, '–')} |" for page in PAGES),
        "",
        "| gunicorn phase | peak worker memory (VmHWM) |",
        "| --- | ---: |",
        *(f"| {mode} | {kb / 1024:.0f} MB |" for mode, kb in memory.items()),
        "",
    ]
    if search:
        search_wrk = figures["uncached", "search"]
        lines.append(
            f"Search, {search['requests']} sequential requests (rotating terms, nothing "
            f"cached): p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms"
            + (
                f"; under wrk load ({meta['wrk']}): p95 {ms(search_wrk['p95_us'])} ms."
                if search_wrk
                else "."
            )
        )
    visible = purge.get("visible_s")
    delays = purge.get("delays_s", [])
    lines.append(
        f"Purge: {len(delays)} publishes through Wagtail (db_worker --interval "
        f"{meta.get('worker_interval', 0.1)}; the page cached in the proxy before: "
        f"{', '.join(purge.get('cached_before', [])) or '?'}) showed through the proxy after "
        f"{', '.join(f'{d} s' for d in delays) or '–'}"
        + (
            f" (median {purge['median_s']} s; publish() itself at most {purge['publish_s']} s)."
            if visible is not None
            else "; the last one not within 30 s."
        )
    )
    if plan:
        cold, warm = plan["cold"], plan["warm"]
        lines.append(
            f"Large plan ({plan['elements']} elements, {plan['charts']} charts; "
            "scripts/bench_plan.py: in-process, SQLite, page cache off), "
            f"{plan['renders']} renders each: with the cache emptied before each render, "
            f"median {cold['median_ms']:.0f} ms, p95 {cold['p95_ms']:.0f} ms, "
            f"{cold['queries']} queries; with the fragment caches kept, median "
            f"{warm['median_ms']:.0f} ms, p95 {warm['p95_ms']:.0f} ms, {warm['queries']} "
            f"queries; {cold['html_kib']} KiB of HTML. A priority's own view (its charts), "
            f"cache emptied: median {plan['priority']['median_ms']:.0f} ms, "
            f"{plan['priority']['html_kib']} KiB."
        )
    if editor:
        lines.append(
            f"The large plan's admin editors ({editor['elements']} elements; "
            "scripts/bench_editor.py: runserver, SQLite, Debian's chromium), opened "
            f"{editor['opens']} times each, from the navigation to the first frame after "
            "load: "
            + "; ".join(
                f"{name} median {row['median_ms']} ms (HTML received after "
                f"{row['html_ms']} ms; slowest {row['max_ms']} ms; {row['fields']} form fields)"
                for name, row in editor["editors"].items()
            )
            + "."
        )

    # --- The goals ---
    proxy_ratio, proxy_page = lowest({page: share("proxy", page) for page in PAGES})
    site_ratio, site_page = lowest(over_site_cache)
    uncached_ratio, uncached_page = lowest({page: share("uncached", page) for page in PAGES})
    most = max(queries.values()) if queries else None
    heaviest = max(queries, key=queries.get) if queries else "–"
    not_at_scale = "" if float(meta["scale"]) == 1 else f" (this run: scale {meta['scale']})"

    def met(value, bound, at_least=True):
        if value is None:
            return None
        return value >= bound if at_least else value <= bound

    goals = [
        (
            "1",
            f"caching proxy ≥ 1/{round(1 / PROXY_SHARE)} of nginx static, every page type",
            f"lowest {ratio_text(proxy_ratio)} ({proxy_page})",
            met(proxy_ratio, PROXY_SHARE),
        ),
        (
            "1",
            f"publish visible through the proxy ≤ {PURGE_SECONDS:g} s",
            f"at most {visible} s" if visible is not None else "not within 30 s",
            met(visible, PURGE_SECONDS, at_least=False) if purge else None,
        ),
        (
            "2",
            "no proxy: page cache at least as fast as Django's per-site cache, every page "
            "(page cache / Django per-site cache ≥ 1)",
            f"lowest {site_ratio:.2f} ({site_page})" if site_ratio is not None else "–",
            met(site_ratio, PAGE_CACHE_OVER_SITE_CACHE),
        ),
        (
            "3",
            f"uncached (page cache off) ≥ 1/{round(1 / UNCACHED_SHARE)} of nginx static, every "
            "public page type",
            f"lowest {ratio_text(uncached_ratio)} ({uncached_page})",
            met(uncached_ratio, UNCACHED_SHARE),
        ),
        (
            "4",
            f"≤ {QUERY_BUDGET} SQL queries on any public page, at 1× data{not_at_scale}",
            f"at most {most} ({heaviest})",
            met(most, QUERY_BUDGET, at_least=False),
        ),
        *(
            (
                "5",
                f"large plan renders in ≤ {PLAN_RENDER_MS} ms uncached, in-process (median): "
                + how,
                f"median {plan[kind]['median_ms']:.0f} ms" if plan else "–",
                met(plan[kind]["median_ms"], PLAN_RENDER_MS, at_least=False) if plan else None,
            )
            for kind, how in (
                ("cold", "the cache emptied before each render"),
                ("warm", "page cache off, fragment caches kept (as in goal 3)"),
            )
        ),
    ]
    slowest_editor, editor_name = (
        max((row["median_ms"], name) for name, row in editor["editors"].items())
        if editor
        else (None, "–")
    )
    goals.append(
        (
            "6",
            f"every editor of the large plan opens in ≤ {EDITOR_OPEN_MS} ms in chromium (median)",
            f"at most {slowest_editor} ms ({editor_name})" if editor else "–",
            met(slowest_editor, EDITOR_OPEN_MS, at_least=False),
        )
    )
    lines += [
        "",
        "## Goals",
        "",
        "| goal | target | measured | verdict |",
        "| --- | --- | --- | --- |",
        *(f"| {n} | {target} | {measured} | {verdict(ok)} |" for n, target, measured, ok in goals),
        "",
        "Goal 4 at ten times the data: `BENCH_SCALE=10 make bench` (a long build, saved and "
        "restored next time; `BENCH_PHASES=static` for the queries alone).",
    ]
    if answered[SITE_CACHE] and not all(answered[SITE_CACHE].values()):
        lines.append(
            "Django's per-site cache did not keep every page (see the table above): on those "
            "pages goal 2 compares the page cache with rendering."
        )
    floor = [
        (share(FLOOR, page), share(PAGE_CACHE, page) / share(FLOOR, page))
        for page in PAGES
        if share(FLOOR, page) and share(PAGE_CACHE, page)
    ]
    if floor:
        lines += [
            "",
            f"For scale: gunicorn ({meta['workers']} sync workers) answering with the same HTML "
            f"held in memory, no Django at all, reaches {ratio_text(min(r for r, _ in floor))}–"
            f"{ratio_text(max(r for r, _ in floor))} of nginx static; the page cache reaches "
            f"{min(s for _, s in floor):.0%}–{max(s for _, s in floor):.0%} of that floor.",
        ]
    lines += ["", f"Build or restore of the site: {meta['build_seconds']} s.", ""]
    text = "\n".join(lines)
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


if __name__ == "__main__":
    main()
