#!/usr/bin/env python
"""The benchmark's report: a table and the goals' verdicts, from the run's results.

    report.py RESULTS_DIR REPORT_MD

RESULTS_DIR holds what scripts/bench/run wrote: wrk--<mode>--<page> (wrk's output with the
BENCH_JSON line of wrk.lua), queries.json, memory-<mode> (kB), search.json, purge.json and
meta.json. Prints the report as Markdown and writes it to REPORT_MD.
"""

import json
import sys
from pathlib import Path

MODES = ("uncached", "django-cache", "proxy")
FLOOR = "gunicorn-floor"  # gunicorn serving the page's HTML from memory (floor_app.py)
PAGES = ("home", "news index", "news article", "working group", "plan draft", "search")
GOALS = {"proxy": 1 / 3, "django-cache": 1 / 10}
ARTICLE_GOAL = 1 / 400
QUERY_BUDGET = 15
SEARCH_P95_MS = 100
PURGE_SECONDS = 1.0


def wrk_figures(path):
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    return None


def ms(microseconds):
    return f"{microseconds / 1000:.1f}"


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
    return "**met**" if met else "**NOT met**"


def main():
    results, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta = json.loads((results / "meta.json").read_text())
    queries = json.loads((results / "queries.json").read_text())
    search = json.loads((results / "search.json").read_text())
    purge = json.loads((results / "purge.json").read_text())
    memory = {
        mode: int((results / f"memory-{mode}").read_text() or 0)
        for mode in MODES
        if (results / f"memory-{mode}").exists()
    }

    def figures(mode, page):
        return wrk_figures(results / f"wrk--{mode}--{page.replace(' ', '-')}")

    lines = [
        "# Benchmark (issue 7)",
        "",
        f"Scale {meta['scale']} of the issue's site; wrk {meta['wrk']}, warm-up {meta['warmup']}, "
        f"then {meta['duration']} with --latency; gunicorn {meta['workers']} workers; search on "
        f"{meta['search']}; {meta['cpus']} CPUs; commit {meta['commit']}; {meta['date']}. "
        "Ratios are requests/s over nginx serving the same page's HTML as a static file.",
        "",
        "| page | mode | req/s | p50 ms | p99 ms | ratio to static | errors / non-2xx |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    ratios = {}
    for page in PAGES:
        static = figures("static", page)
        for mode in ("static", FLOOR, *MODES):
            row = figures(mode, page)
            if row is None:
                lines.append(f"| {page} | {mode} | – | – | – | – | missing |")
                continue
            ratio = row["rps"] / static["rps"] if static and static["rps"] else None
            ratios[mode, page] = ratio
            lines.append(
                f"| {page} | {mode} | {row['rps']:.1f} | {ms(row['p50_us'])} | "
                f"{ms(row['p99_us'])} | {ratio_text(ratio) if mode != 'static' else '1'} | "
                f"{row['errors']} / {row['non2xx']} |"
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
    search_wrk = figures("uncached", "search")
    lines.append(
        f"Search, {search['requests']} sequential requests (rotating terms, nothing cached): p50 "
        f"{search['p50_ms']} ms, p95 {search['p95_ms']} ms"
        + (
            f"; under wrk load (16 connections): p95 {ms(search_wrk['p95_us'])} ms."
            if search_wrk
            else "."
        )
    )
    visible = purge.get("visible_s")
    lines.append(
        f"Purge: {len(purge.get('delays_s', []))} publishes through Wagtail (db_worker "
        f"--interval {meta.get('worker_interval', 0.1)}; the page cached in "
        f"the proxy before: {', '.join(purge.get('cached_before', [])) or '?'}) showed through "
        f"the proxy after {', '.join(f'{d} s' for d in purge.get('delays_s', []))}"
        + (
            f" (median {purge['median_s']} s; publish() itself at most {purge['publish_s']} s)."
            if visible is not None
            else "; the last one not within 30 s."
        )
    )
    lines += ["", "## Goals", ""]

    def worst(mode, pages):
        found = [(ratios.get((mode, page)), page) for page in pages]
        found = [(ratio, page) for ratio, page in found if ratio is not None]
        return min(found) if found else (None, "–")

    for mode, goal in GOALS.items():
        ratio, page = worst(mode, PAGES)
        met = ratio is not None and ratio >= goal
        label = "caching proxy" if mode == "proxy" else "Django-level cache, no proxy"
        lines.append(
            f"- {label} ≥ 1/{round(1 / goal)} of nginx static (every page type): "
            f"{verdict(met)}, lowest {ratio_text(ratio)} ({page})"
        )
    lines.append(
        f"- publish visible through the proxy within {PURGE_SECONDS:g} s: "
        f"{verdict(visible is not None and visible <= PURGE_SECONDS)}, at most {visible} s"
    )
    ratio = ratios.get(("uncached", "news article"))
    lines.append(
        f"- uncached news article ≥ {ratio_text(ARTICLE_GOAL)} of nginx static: "
        f"{verdict(ratio is not None and ratio >= ARTICLE_GOAL)}, {ratio_text(ratio)}"
    )
    most = max(queries.values()) if queries else None
    heaviest = max(queries, key=queries.get) if queries else "–"
    lines.append(
        f"- ≤ {QUERY_BUDGET} SQL queries on any public page: "
        f"{verdict(most is not None and most <= QUERY_BUDGET)}, at most {most} ({heaviest})"
    )
    lines.append(
        f"- search p95 under {SEARCH_P95_MS} ms ({meta['search']}, sequential requests): "
        f"{verdict(search['p95_ms'] < SEARCH_P95_MS)}, {search['p95_ms']} ms"
    )
    floor = [
        (ratios[FLOOR, page], ratios["django-cache", page] / ratios[FLOOR, page])
        for page in PAGES
        if ratios.get((FLOOR, page)) and ratios.get(("django-cache", page))
    ]
    if floor:
        lines += [
            "",
            f"For scale: gunicorn ({meta['workers']} workers) answering with the same HTML held "
            f"in memory, no Django at all, reaches {ratio_text(min(r for r, _ in floor))}–"
            f"{ratio_text(max(r for r, _ in floor))} of nginx static; the Django-level cache "
            f"reaches {min(share for _, share in floor):.0%}–{max(share for _, share in floor):.0%}"
            " of that floor.",
        ]
    lines += ["", f"Build or restore of the site: {meta['build_seconds']} s.", ""]
    text = "\n".join(lines)
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


if __name__ == "__main__":
    main()
