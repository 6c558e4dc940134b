"""Wagtail's database search backend with Lithuanian and English stemming and folding.

The embedded default (`make run`, SQLite) and a PostgreSQL site without a search server use
it. Wagtail's backend matches words as written; ours analyses the words in Python on both
sides, so that "švietimas" finds "Švietimo" and "ekonomika" finds "ekonomikos":

- indexing: every word of every searchable field is stemmed with Snowball's Lithuanian and
  English stemmers (`snowballstemmer`) and folded (lower case, no diacritics). The index
  entry holds these terms instead of the text, in the text's order (phrases still match),
  followed by the other forms of words whose forms differ: the stem of the folded word
  ("posedzio" -> "posedz", as a query typed without diacritics gives it) and the English
  stem. Every object gets both languages' terms, so that a query of either language (or of
  none, in the admin) finds it.
- searching: every word of the query is stemmed in the query's language (a `LocalizedText`,
  or Lithuanian), then folded; function words ("ir", "the") are left out unless the query is
  nothing else.

The backend still ranks (PostgreSQL's ts_rank with the field weights, SQLite's FTS5 bm25)
and filters as Wagtail's does. Autocomplete stays on the words as written (prefixes of
stems would not be prefixes of words); it ignores diacritics too (FTS5's tokenizer folds
them, PostgreSQL uses the `unaccent` configuration of migration `search.0001`).

A score is higher for a better match on every backend (FTS5's bm25 is lower), so that the
site search can merge pages and documents by score. After changing the analysis, run
`manage.py update_index`.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """Wagtail's backend for the database in use, analysing on PostgreSQL and on SQLite with
    FTS5 (other databases: Wagtail's backend as it is).

    The vendors' modules are imported only for their database, as Wagtail's are (SQLite's
    needs a model that exists only on SQLite).
    """
    backend = database_search_backend(params)
    vendor = type(backend).__module__
    if vendor == "modelsearch.backends.database.postgres.postgres":
        from search.backends.database_postgresql import PostgresAnalysingBackend

        return PostgresAnalysingBackend(params)
    if vendor == "modelsearch.backends.database.sqlite.sqlite":
        from search.backends.database_sqlite import SQLiteAnalysingBackend

        return SQLiteAnalysingBackend(params)
    return backend
