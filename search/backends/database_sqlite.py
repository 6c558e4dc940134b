"""The analysing database backend on SQLite with FTS5 (search/backends/database.py)."""

from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Not, Phrase, PlainText

from django.db.models import FloatField, Func

from search.backends.analysis import AnalysingIndexMixin, analysed_query, has_words

# A title's matches weigh this much more than the body's, as on the search server (title^4).
TITLE_WEIGHT = 4
# The weights of bm25() for the columns of Wagtail's FTS table (autocomplete, body, title).
COLUMN_WEIGHTS = {"index_entry__title": "0, 0, 1", "index_entry__body": "0, 1, 0"}


class ColumnBM25(Func):
    """FTS5's bm25 of the matches in one column."""

    output_field = FloatField()

    def __init__(self, column):
        table = SQLiteFTSIndexEntry._meta.db_table
        super().__init__(template=f"bm25({table}, {COLUMN_WEIGHTS[column]})")


class SQLiteAnalysingIndex(AnalysingIndexMixin, SQLiteIndex):
    pass


class SQLiteAnalysingQueryCompiler(SQLiteSearchQueryCompiler):
    """Wagtail's compiler with analysed queries, and scores that rank title matches.

    Wagtail scores a row by the bm25 of the whole row (title and body), counted once more
    multiplied by the title's length norm, whether the title matched or not: a short title
    then outranks a title that holds every word of the query. Here the title's own bm25
    (weighted) is what its norm multiplies, as PostgreSQL's ts_rank of the title vector is.
    """

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            query = analysed_query(query)
        return super().build_search_query_content(query, config=config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if not isinstance(query, PlainText | Phrase | Not):
            return super().build_tsrank(vector, query, config=config, boost=boost)
        weight = TITLE_WEIGHT if vector.name == "index_entry__title" else 1
        # bm25 is lower for a better match: its opposite is higher, as on other backends.
        return -ColumnBM25(vector.name) * (boost * weight)

    def search(self, config, start, stop, score_field=None):
        if isinstance(self.query, PlainText | Phrase) and not has_words(self.query):
            # Nothing to look for ('"', "!!!"): FTS5 would refuse the query.
            return self.queryset.none()
        if not self.order_by_relevance:
            return super().search(config, start, stop, score_field=score_field)
        score_field = score_field or "_score"
        found = super().search(config, None, None, score_field=score_field)
        if score_field not in found.query.annotations:  # nothing to rank (a negated query)
            return found[start:stop]
        return found.order_by(f"-{score_field}", "-pk")[start:stop]


class SQLiteAnalysingBackend(SQLiteSearchBackend):
    query_compiler_class = SQLiteAnalysingQueryCompiler
    index_class = SQLiteAnalysingIndex
