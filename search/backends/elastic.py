"""Lithuanian and English analysis on top of Wagtail's Elasticsearch/OpenSearch backends.

Wagtail's backends (the `modelsearch` package) put every page in one index and every
document in another, with the standard analyzer. These mixins add, to every search
document, per-language fields filled only for objects of that language (documents, which
have no language, fill both):

    title_lt, text_lt   analyzer `lt_text`: Lithuanian stop words and stemmer, diacritics kept
        .folded         `lt_folded`: the same with diacritics folded before stemming, so that
                        "pletros" and "plėtros" meet
        .exact          `plain_exact`: word forms as written, lower case
    title_en, text_en   the same with English stop words and stemmer
    _kind, _date        the result type and date the search page filters on

A `LocalizedText` query searches the fields of its language: stems with diacritics score
highest, then exact word forms, then folded stems, with a bonus for the words as a phrase,
so that exact forms rank first and a query typed without diacritics still finds them.
"""

from modelsearch.query import PlainText

from search.content import LANGUAGES, date_of, kind_of, language_of, title_and_text
from search.outage import guarded

LANGUAGE_FIELDS = ("title", "text")

ANALYSIS = {
    "filter": {
        "lt_stop": {"type": "stop", "stopwords": "_lithuanian_"},
        "lt_stemmer": {"type": "stemmer", "language": "lithuanian"},
        "en_stop": {"type": "stop", "stopwords": "_english_"},
        "en_stemmer": {"type": "stemmer", "language": "english"},
        "en_possessive": {"type": "stemmer", "language": "possessive_english"},
    },
    "analyzer": {
        "lt_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "lt_stop", "lt_stemmer"],
        },
        # Folding before stemming: a word typed without diacritics ("grupiu") and the word
        # as written ("grupių") become the same string before the stemmer sees either.
        "lt_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "lt_stop", "asciifolding", "lt_stemmer"],
        },
        "en_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["en_possessive", "lowercase", "en_stop", "en_stemmer"],
        },
        "en_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["en_possessive", "lowercase", "en_stop", "asciifolding", "en_stemmer"],
        },
        "plain_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "folded_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
    },
}


def language_field_mapping(language):
    return {
        "type": "text",
        "analyzer": f"{language}_text",
        "fields": {
            "folded": {"type": "text", "analyzer": f"{language}_folded"},
            "exact": {"type": "text", "analyzer": "plain_exact"},
        },
    }


class LocalizedText(PlainText):
    """A visitor's words, to be analysed as ``language`` ("lt" or "en").

    Other backends (the database one) treat it as the plain text it is.
    """

    def __init__(self, query_string, language, operator="and"):
        super().__init__(query_string, operator=operator)
        self.language = language if language in LANGUAGES else LANGUAGES[0]

    def __repr__(self):
        return f"<LocalizedText {self.query_string!r} language={self.language!r}>"


def localized_query(query_string, language):
    """The scoring query for the words ``query_string`` in ``language``."""
    title, text = f"title_{language}", f"text_{language}"
    # Every word must match somewhere (title or text), diacritics or not; with more than
    # two words, three in four are enough.
    required = {
        "multi_match": {
            "query": query_string,
            "type": "cross_fields",
            "fields": [f"{title}.folded", f"{text}.folded"],
            "operator": "or",
            "minimum_should_match": "2<75%",
        }
    }
    scoring = [
        # Stems as written (diacritics kept) score highest ...
        {
            "multi_match": {
                "query": query_string,
                "type": "most_fields",
                "fields": [f"{title}^4", text],
                "boost": 3,
            }
        },
        # ... then the very word forms typed ...
        {
            "multi_match": {
                "query": query_string,
                "type": "most_fields",
                "fields": [f"{title}.exact^4", f"{text}.exact"],
                "boost": 1,
            }
        },
        # ... then stems without diacritics ("pletros" for "plėtros").
        {
            "multi_match": {
                "query": query_string,
                "type": "most_fields",
                "fields": [f"{title}.folded^4", f"{text}.folded"],
                "boost": 1,
            }
        },
        # The words together, as a phrase, in the title or the text.
        {"match_phrase": {f"{title}.folded": {"query": query_string, "slop": 1, "boost": 6}}},
        {"match_phrase": {f"{text}.folded": {"query": query_string, "slop": 2, "boost": 2}}},
    ]
    return {"bool": {"must": [required], "should": scoring}}


class LocalizedMappingMixin:
    # Autocomplete: n-grams are folded when indexed, so fold the typed letters too
    # (Wagtail searches them with the standard analyzer, which keeps "ė" and misses "e").
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "folded_search",
    }

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for language in LANGUAGES:
            for name in LANGUAGE_FIELDS:
                properties[f"{name}_{language}"] = language_field_mapping(language)
        properties["_kind"] = {"type": "keyword"}
        properties["_date"] = {"type": "date", "format": "date"}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        title, text = title_and_text(obj)
        language = language_of(obj)
        for each in LANGUAGES:
            if language in (None, each):
                document[f"title_{each}"] = title
                document[f"text_{each}"] = text
        document["_kind"] = kind_of(obj)
        day = date_of(obj)
        document["_date"] = day.isoformat() if day else None
        return document


class LocalizedQueryCompilerMixin:
    def get_inner_query(self):
        if isinstance(self.query, LocalizedText):
            return localized_query(self.query.query_string, self.query.language)
        return super().get_inner_query()


class LocalizedSearchBackendMixin:
    """Adds the analyzers to the index settings, and one search over several indices."""

    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        analysis = self.settings.setdefault("settings", {}).setdefault("analysis", {})
        for key, values in ANALYSIS.items():
            analysis.setdefault(key, {}).update(values)

    # Writes: while the server is down, skip and queue them (search/outage.py).

    def add(self, obj):
        write = super().add
        return guarded(self, [obj], lambda: write(obj))

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        write = super().add_bulk
        return guarded(self, obj_list, lambda: write(model, obj_list))

    def delete(self, obj):
        write = super().delete
        return guarded(self, [obj], lambda: write(obj), deleted=True)

    def index_name(self, model):
        return self.get_index_for_model(model).name

    def compile_query(self, queryset, query):
        """The query for ``query`` (a `LocalizedText`) within ``queryset`` (filters included)."""
        return self.query_compiler_class(queryset, query).get_query()

    def raw_search(self, indices, body):
        """One search request over ``indices``; returns the response as a dict."""
        raise NotImplementedError

    def raw_count(self, index, query):
        raise NotImplementedError
