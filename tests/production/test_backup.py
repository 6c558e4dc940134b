"""Backups: `scripts/backup` (make backup) then `scripts/restore` (make restore) into an
empty database give back the same pages, translations, comments and votes, and the media."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest

from django.contrib.auth import get_user_model
from django.db import connection

from wagtail.models import Task, TaskState, Workflow, WorkflowState

from approvals.models import Vote
from feedback.models import PublicComment
from tests.factories import build_site
from tests.feedback.helpers import make_comment

ROOT = Path(__file__).resolve().parents[2]

# What must come back, row for row.
CHECKS = {
    "pages": "SELECT id, title, locale_id, translation_key, live FROM wagtailcore_page",
    "locales": "SELECT id, language_code FROM wagtailcore_locale",
    "translations": "SELECT id, source_id, target_locale_id FROM wagtail_localize_translation",
    "comments": "SELECT id, object_pk, comment, is_public FROM django_comments",
    "comment_states": (
        f"SELECT {PublicComment._meta.pk.column}, status "  # noqa: S608
        f"FROM {PublicComment._meta.db_table}"
    ),
    "votes": f"SELECT id, task_state_id, voter_id, choice FROM {Vote._meta.db_table}",  # noqa: S608
    "revisions": "SELECT id, object_id FROM wagtailcore_revision",
}


def url_for(name):
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"


def rows(url):
    with psycopg.connect(url) as conn:
        return {key: sorted(conn.execute(sql).fetchall()) for key, sql in CHECKS.items()}


def run(script, *args, **env):
    return subprocess.run(  # noqa: S603 (our own scripts)
        [str(ROOT / "scripts" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database(tmp_path):
    assert connection.vendor == "postgresql", "pg_dump needs PostgreSQL: DATABASE_URL (make test)"
    site = build_site()
    editor = get_user_model().objects.create_user("redaktore", "r@example.org", "slaptas-1")
    draft = site.lt["draft"]
    revision = draft.save_revision(user=editor)
    workflow = Workflow.objects.create(name="Atsarginės kopijos bandymas")
    task = Task.objects.create(name="Sprendimas")
    workflow_state = WorkflowState.objects.create(
        content_type=draft.content_type,
        base_content_type=draft.cached_content_type,
        object_id=str(draft.pk),
        workflow=workflow,
        requested_by=editor,
    )
    task_state = TaskState.objects.create(
        workflow_state=workflow_state, revision=revision, task=task
    )
    for n, choice in enumerate(["approve", "approve", "reject"]):
        voter = get_user_model().objects.create_user(f"narys{n}", f"n{n}@example.org", "x-1")
        Vote.objects.create(task_state=task_state, voter=voter, choice=choice)
    for n in range(3):
        make_comment(site.lt["article"], comment=f"Pastaba {n}")
    make_comment(site.en["article"], comment="A comment in English")
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "planas.pdf").write_bytes(b"%PDF-1.4 planas")

    before = rows(url_for(connection.settings_dict["NAME"]))
    assert before["votes"] and before["comments"]
    # Translations: pages of both locales sharing a translation key (and wagtail-localize's
    # Translation rows, when there are any).
    locales_by_key = {}
    for _id, _title, locale_id, key, _live in before["pages"]:
        locales_by_key.setdefault(key, set()).add(locale_id)
    assert sum(len(locales) == 2 for locales in locales_by_key.values()) >= 8

    backup_dir = tmp_path / "backup"
    run(
        "backup",
        str(backup_dir),
        DATABASE_URL=url_for(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(media),
    )
    assert (backup_dir / "db.dump").stat().st_size > 0

    restored_name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        restored_media = tmp_path / "restored-media"
        run(
            "restore",
            str(backup_dir),
            DATABASE_URL=url_for(restored_name),
            MEDIA_ROOT=str(restored_media),
        )
        assert rows(url_for(restored_name)) == before
        assert (restored_media / "documents" / "planas.pdf").read_bytes() == b"%PDF-1.4 planas"
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
