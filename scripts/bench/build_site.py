#!/usr/bin/env python
"""Build (or restore) the benchmark's large site in its own PostgreSQL database.

    DATABASE_URL=postgres://.../cityplan_bench BENCH_SCALE=1 python scripts/bench/build_site.py

At BENCH_SCALE=1 (the issue's figures): the demo site (load_demo), then 1,000 news
articles, 6 working groups with 20 meetings each, 20 plan drafts, filler standard pages up to
10,000 pages in all, and 10,000 public comments, 200 of them on the demo's news article.
Smaller scales divide every figure (the article keeps its 200 comments), larger ones
multiply every figure (BENCH_SCALE=10: 10,000 news articles, 100,000 pages, 2,000 comments
on the article).

Pages are added with Wagtail's add_child in one transaction with search indexing off, then
indexed once with update_index. The built database is kept as a pg_dump in .cache/bench/,
keyed on this script, the demo content, the migrations and the scale, and restored from it
next time. Django settings come from the environment (cityplan.settings.production).
"""

import hashlib
import io
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "bench"
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))

WORDS = [
    "miestas",
    "plėtros",
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
    "gatvė",
    "apšvietimas",
    "dviračių",
    "takas",
    "parkas",
    "mokykla",
    "darželis",
    "jaunimas",
    "šeima",
    "būstas",
    "atliekos",
    "transportas",
    "autobusas",
    "turizmas",
    "renginys",
    "muziejus",
    "biblioteka",
    "paveldas",
    "Nemunas",
    "Alytus",
    "renovacija",
    "energija",
    "šiluma",
    "skaitmeninis",
    "paslauga",
    "parama",
    "pramonė",
    "sklypas",
]


def log(message):
    print(f"build_site: {message}", file=sys.stderr, flush=True)


def scale():
    return float(os.environ.get("BENCH_SCALE", "1"))


def figures(factor):
    """The site's size at ``factor`` of the issue's figures."""

    def part(n, least=1):
        return max(least, round(n * factor))

    return {
        "news": part(1000),
        "groups": 6,
        "meetings_per_group": part(20),
        "drafts": part(20, 2),
        "pages": part(10_000, 300),
        "comments": part(10_000, 50),
        "article_comments": min(part(10_000, 50), part(200, 200)),
    }


def cache_key():
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(Path(__file__).read_bytes())
    for path in sorted(ROOT.glob("home/demo/*.py")):
        digest.update(path.read_bytes())
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
    digest.update(repr(sorted(figures(scale()).items())).encode())
    return digest.hexdigest()[:12]


# --- The database ------------------------------------------------------------------------


def recreate_database(url):
    """Drop and create the database of ``url`` (never the one the tests use)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("cityplan_bench"):
        sys.exit(f"build_site: refusing to recreate {name!r}: not a cityplan_bench* database")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def pg_tool(tool, *args):
    subprocess.run([str(PGBIN / tool), *args], check=True)  # noqa: S603


# --- Content -----------------------------------------------------------------------------


class Writer:
    def __init__(self, seed=2030):
        self.random = random.Random(seed)  # noqa: S311

    def sentence(self, length):
        words = [self.random.choice(WORDS) for _ in range(length)]
        if self.random.random() < 0.5:
            words[self.random.randrange(length)] = "planas"
        return " ".join(words).capitalize() + "."

    def paragraphs(self, count, length=40):
        return "".join(f"<p>{self.sentence(length)}</p>" for _ in range(count))


def disconnect_search_signals():
    """No index task per saved object while building: update_index runs once at the end."""
    from modelsearch import index, signal_handlers

    from django.db.models.signals import post_delete, post_save

    for model in index.get_indexed_models():
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(signal_handlers.post_delete_signal_handler, sender=model)


def progress(label, number, total, started):
    if number % 500 == 0 or number == total:
        log(f"  {label}: {number}/{total} ({time.monotonic() - started:.0f} s)")


def build(size):
    import datetime

    from django_tasks_db.models import DBTaskResult

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Locale, Page
    from wagtail.rich_text import RichText

    from home.models import HomePage, StandardPage
    from news.models import NewsArticlePage, NewsIndexPage
    from plans.models import PlanDraftPage, PlanIndexPage
    from workinggroups.models import MeetingPage, WorkingGroupPage

    log("migrate")
    call_command("migrate", verbosity=0)
    log("load_demo")
    call_command("load_demo", stdout=io.StringIO())
    disconnect_search_signals()
    writer = Writer()
    lt = Locale.objects.get(language_code="lt")
    started = time.monotonic()

    with transaction.atomic():
        home = HomePage.objects.get(locale=lt)
        news_index = NewsIndexPage.objects.get(locale=lt)
        existing = NewsArticlePage.objects.filter(locale=lt).count()
        total = size["news"] - existing
        for number in range(1, total + 1):
            day = datetime.date(2020, 6, 1) + datetime.timedelta(days=number % 2000)
            news_index.add_child(
                instance=NewsArticlePage(
                    title=writer.sentence(6)[:-1],
                    slug=f"bench-news-{number}",
                    date=day,
                    intro=writer.sentence(25),
                    body=writer.paragraphs(4),
                    source_line="Strateginio plano rengėjai",
                )
            )
            progress("news", number, total, started)

        groups = list(WorkingGroupPage.objects.filter(locale=lt).order_by("path"))
        meeting_start = timezone.make_aware(datetime.datetime(2020, 7, 1, 10, 0))
        for group in groups[: size["groups"]]:
            have = MeetingPage.objects.child_of(group).count()
            for number in range(have + 1, size["meetings_per_group"] + 1):
                group.add_child(
                    instance=MeetingPage(
                        title=f"Posėdis Nr. {number}",
                        slug=f"bench-posedis-{number}",
                        starts_at=meeting_start + datetime.timedelta(days=30 * number),
                        place="Alytaus miesto savivaldybė, Rotušės a. 4",
                        agenda=[("item", writer.sentence(8)), ("item", writer.sentence(8))],
                    )
                )
        log(f"  meetings: {MeetingPage.objects.count()}")

        plan_index = PlanIndexPage.objects.get(locale=lt)
        have = PlanDraftPage.objects.filter(locale=lt).count()
        now = timezone.now()
        for number in range(have + 1, size["drafts"] + 1):
            draft = plan_index.add_child(
                instance=PlanDraftPage(
                    title=f"Plano projektas 0.{number}",
                    slug=f"bench-projektas-{number}",
                    version_label=f"0.{number}",
                    summary=writer.sentence(20),
                    sections=[
                        (
                            "section",
                            {
                                "heading": writer.sentence(4)[:-1],
                                "body": [("paragraph", RichText(writer.paragraphs(2)))],
                            },
                        )
                        for _ in range(3)
                    ],
                    consultation_opens=now - datetime.timedelta(days=1),
                    consultation_closes=now + datetime.timedelta(days=365),
                )
            )
            draft.save_revision()
        log(f"  plan drafts: {PlanDraftPage.objects.count()}")

        filler = size["pages"] - Page.objects.count() - 1  # the archive's own page
        archive = home.add_child(
            instance=StandardPage(
                title="Archyvas", slug="bench-archyvas", intro=writer.sentence(12)
            )
        )
        section, in_section = None, 0
        filler_started = time.monotonic()
        for number in range(1, filler + 1):
            if section is None or in_section >= 100:  # sections of 100 pages
                section = archive.add_child(
                    instance=StandardPage(
                        title=f"Archyvo skyrius {number}",
                        slug=f"bench-skyrius-{number}",
                        intro=writer.sentence(12),
                    )
                )
                in_section = 0
            else:
                section.add_child(
                    instance=StandardPage(
                        title=writer.sentence(5)[:-1],
                        slug=f"bench-puslapis-{number}",
                        intro=writer.sentence(20),
                        body=[("paragraph", RichText(writer.paragraphs(3)))],
                    )
                )
                in_section += 1
            progress("filler pages", number, filler, filler_started)

        add_comments(size, writer, lt)
        DBTaskResult.objects.all().delete()  # the publishes' purge tasks: nothing to purge
    log(f"content built in {time.monotonic() - started:.0f} s: {Page.objects.count()} pages")


def add_comments(size, writer, lt):
    from django.utils import timezone

    from feedback.models import PublicComment
    from news.models import NewsArticlePage
    from plans.models import PlanDraftPage
    from workinggroups.models import WorkingGroupPage

    article = NewsArticlePage.objects.filter(locale=lt).order_by("pk").first()
    others = [
        *NewsArticlePage.objects.filter(locale=lt).exclude(pk=article.pk),
        *WorkingGroupPage.objects.filter(locale=lt),
        *PlanDraftPage.objects.filter(locale=lt),
    ]
    names = ["Jonas", "Rūta", "Petras", "Asta", "Tomas", "Eglė"]
    started = time.monotonic()

    def comment(page, number, parent=None):
        item = PublicComment(
            content_type_id=page.content_type_id,
            object_pk=str(page.pk),
            site_id=1,
            user_name=names[number % len(names)],
            user_email=f"skaitytojas{number % 97}@example.lt",
            comment=writer.sentence(30),
            submit_date=timezone.now(),
            status=PublicComment.Status.PUBLISHED,
            is_public=True,
            parent_id=parent.pk if parent else 0,
        )
        item.save()
        return item

    total = size["comments"]
    previous = None
    for number in range(1, size["article_comments"] + 1):
        # Every fifth comment answers the one before it.
        parent = previous if number % 5 == 0 and previous and previous.level == 0 else None
        previous = comment(article, number, parent)
    for number in range(size["article_comments"] + 1, total + 1):
        comment(others[number % len(others)], number)
        progress("comments", number, total, started)


# --- Main --------------------------------------------------------------------------------


def main():
    url = os.environ["DATABASE_URL"]
    size = figures(scale())
    CACHE.mkdir(parents=True, exist_ok=True)
    dump = CACHE / f"site-{cache_key()}.dump"
    recreate_database(url)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if dump.exists() and os.environ.get("BENCH_REBUILD") != "1":
        log(f"restoring {dump.relative_to(ROOT)}")
        pg_tool("pg_restore", "--no-owner", "--exit-on-error", "-d", url, str(dump))
        call_command("migrate", verbosity=0)
    else:
        log(f"building the site ({size})")
        build(size)
        for old in CACHE.glob("site-*.dump"):
            old.unlink()
        pg_tool("pg_dump", "-Fc", "-f", str(dump), url)
        log(f"saved {dump.relative_to(ROOT)}")
    # A production database keeps its planner's statistics (autovacuum analyses what is
    # loaded); the server scripts/postgres starts runs without autovacuum, for the tests.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log("analysed")
    started = time.monotonic()
    call_command("update_index", stdout=io.StringIO())
    log(f"update_index: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
