"""Wagtail's database search backend, diacritic-insensitive on PostgreSQL.

On PostgreSQL it indexes and searches with the text search configurations that the
migration `search.0001_text_search_configurations` creates: `cityplan_folded` (unaccent,
then the Lithuanian Snowball stemmer) for search and `cityplan_folded_simple` (unaccent, no
stemming) for autocomplete, so that "pletros" finds "plėtros" here too. PostgreSQL offers one
configuration per index, so English pages are stemmed as Lithuanian: the search server does
per-language analysis. On SQLite (`make run`) it is Wagtail's backend as it is.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend

from django.db import connection

SEARCH_CONFIG = "cityplan_folded"
AUTOCOMPLETE_CONFIG = "cityplan_folded_simple"


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database_search_backend(params)
    if connection.vendor == "postgresql":
        backend.config = params.get("SEARCH_CONFIG") or SEARCH_CONFIG
        backend.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG") or AUTOCOMPLETE_CONFIG
    return backend
