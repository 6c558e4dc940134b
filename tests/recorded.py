"""Builds recorded once and replayed: the test site of `build_site()` costs about 2,000
queries (pages, revisions, translations, the search and reference indexes, all through
Wagtail's signals); more than a hundred test classes and modules build it, in the
transaction that each of them rolls back.

The first build in a test process runs for real, and the database writes it makes are
recorded (INSERT, UPDATE and DELETE statements with their parameters, and the savepoints
around them). A later build on the same database state replays them: the sequences are set
back to where they stood before the recorded build, so that every row gets the id it got
then, and are moved on again after. The replay writes exactly the rows the real build
wrote, in a few hundred statements and no Python of the site. It is used only:

- on PostgreSQL, inside a transaction (the tests that roll back: a committing test's build
  is real);
- when every table holds as many rows as before the recorded build (so a test that made
  accounts or pages first gets a real build), in the same language, under the same settings
  (a test may override any of them, and what a page's save writes depends on some: the
  search backends, the task backend);
- when every search backend is the database one (a search server is written to by the
  real build only).

A replay whose rows do not fit the database (a foreign key to a row that is not there) is
rolled back and the build runs for real. The build's objects are read back from the
database; its files (documents) are the recorded build's, and written again if a test
removed them. What is not replayed, as it is not in the database: signals (nothing is
indexed in a search server, no cache purged), factory_boy's counters, and the time: the
replayed rows carry the recorded build's timestamps, minutes old at most.
"""

import copy
import re
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction
from django.utils import translation

from core import chrome

WRITE = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I
)
DATABASE_BACKEND = "search.backends.database"
_recordings = {}
_tables = []


class Recording:
    def __init__(self, sequences_before):
        self.sequences_before = sequences_before
        self.statements = []
        self.failed = False
        self.result = None
        self.files = []

    def __call__(self, execute, sql, params, many, context):
        if many:
            params = list(params)
        try:
            result = execute(sql, params, many, context)
        except Exception:
            # A failed insert still took its ids from the sequences, which a replay could
            # not repeat: a build with a failed statement is not kept.
            self.failed = True
            raise
        if WRITE.match(sql):
            self.statements.append((sql, copy.deepcopy(params), many))
        return result


def replayable():
    backends = settings.WAGTAILSEARCH_BACKENDS.values()
    return (
        connection.vendor == "postgresql"
        and connection.in_atomic_block
        and all(backend["BACKEND"] == DATABASE_BACKEND for backend in backends)
    )


def settings_now():
    """Every setting as it stands (a test may override any of them around its build); the
    translated ones in the active language, which a build may also write."""
    return tuple((name, repr(getattr(settings, name))) for name in dir(settings) if name.isupper())


def row_counts():
    """How many rows each table holds, in one query."""
    if not _tables:
        _tables.extend(sorted(connection.introspection.table_names()))
    # The table names come from the database itself.
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT count(*) FROM {quote(table)})" for table in _tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(zip(_tables, cursor.fetchone(), strict=True))


def sequences():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema() ORDER BY 1"
        )
        return dict(cursor.fetchall())


def set_sequences(values):
    if not values:
        return
    calls = ", ".join(
        "setval(%s, %s, true)" if value is not None else "setval(%s, 1, false)"
        for value in values.values()
    )
    params = []
    for name, value in values.items():
        params += [name] if value is None else [name, value]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {calls}", params)  # noqa: S608


def describe(result):
    """What ``result`` (a namespace of model instances and dicts of them) holds, by class
    and primary key, to be read back after a replay."""

    def one(value):
        if isinstance(value, dict):
            return {key: one(item) for key, item in value.items()}
        return (type(value), value.pk)

    return {name: one(value) for name, value in vars(result).items()}


def read_back(description):
    def one(item):
        if isinstance(item, dict):
            return {key: one(value) for key, value in item.items()}
        model, pk = item
        return model._default_manager.get(pk=pk)

    return SimpleNamespace(**{name: one(item) for name, item in description.items()})


def replay(recording):
    now = sequences()
    set_sequences(recording.sequences_before)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for sql, params, many in recording.statements:
                    if many:
                        cursor.executemany(sql, params)
                    else:
                        cursor.execute(sql, params)
            # PostgreSQL checks foreign keys at commit, which a test never reaches: a row
            # pointing at a content type or locale that is not the recorded one fails here.
            connection.check_constraints()
    finally:
        after = sequences()
        set_sequences(
            {
                name: max(
                    (v for v in (now.get(name), after.get(name)) if v is not None), default=None
                )
                for name in after
            }
        )
    for field_file in recording.files:
        if not field_file.storage.exists(field_file.name):
            field_file.storage.save(field_file.name, field_file.content)
    chrome.bump()
    return read_back(recording.result)


def recorded(build, key):
    """``build()``, or the replay of its recorded writes (see the module's docstring)."""
    if not replayable():
        return build()
    key = (key, translation.get_language(), settings_now(), row_counts())
    recording = _recordings.get(key)
    if recording is not None:
        try:
            return replay(recording)
        except DatabaseError:  # the database is not as it was after all: build for real
            pass
    recording = Recording(sequences())
    with connection.execute_wrapper(recording):
        result = build()
    if recording.failed:
        return result
    recording.result = describe(result)
    recording.files = [
        SimpleNamespace(storage=item.file.storage, name=item.file.name, content=read(item.file))
        for item in vars(result).values()
        if isinstance(item, models.Model) and hasattr(item, "file")
    ]
    _recordings[key] = recording
    return result


def read(field_file):
    with field_file.open("rb") as opened:
        return ContentFile(opened.read())
