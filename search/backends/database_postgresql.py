"""The analysing database backend on PostgreSQL (search/backends/database.py)."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText

from search.backends.analysis import AnalysingIndexMixin, analysed_query

# The analysed terms are words already: PostgreSQL only splits them (the `simple`
# configuration). Autocomplete keeps the words as written, without diacritics (the
# configuration of migration search.0001).
SEARCH_CONFIG = "simple"
AUTOCOMPLETE_CONFIG = "cityplan_folded_simple"


class PostgresAnalysingIndex(AnalysingIndexMixin, PostgresIndex):
    pass


class PostgresAnalysingQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText | Phrase):
            query = analysed_query(query)
        return super().build_tsquery_content(query, config=config, invert=invert)


class PostgresAnalysingBackend(PostgresSearchBackend):
    query_compiler_class = PostgresAnalysingQueryCompiler
    index_class = PostgresAnalysingIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or SEARCH_CONFIG
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG") or AUTOCOMPLETE_CONFIG
