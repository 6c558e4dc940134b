"""Lithuanian and English analysis for the database search backend: the terms a text is
indexed under and the terms a query looks for (search/backends/database.py says how)."""

import re
import threading
from functools import lru_cache

import snowballstemmer
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import Phrase, PlainText

from django.db import models
from django.utils.encoding import force_str

from search.content import fold

STEMMER_LANGUAGES = {"lt": "lithuanian", "en": "english"}
DEFAULT_LANGUAGE = "lt"
# Words, and numbers with decimals or version numbers ("0.1") whole.
WORD = re.compile(r"\d+(?:\.\d+)+|\w+")

# Words that carry no meaning of their own, left out of queries (a page need not contain
# "ir" to be found by "sveikatos ir socialinės aplinkos").
STOP_WORDS = {
    "lt": {
        "ar", "arba", "bei", "bet", "dėl", "iki", "ir", "iš", "į", "kad", "kaip", "ne", "nei",
        "nuo", "o", "per", "po", "prie", "su", "tai", "taip", "tik", "už",
    },
    "en": {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in",
        "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their",
        "then", "there", "these", "they", "this", "to", "was", "will", "with",
    },
}  # fmt: skip

# Snowball's stemmers keep state while they work: one of each per thread.
local = threading.local()


def stemmer(language):
    stemmers = getattr(local, "stemmers", None)
    if stemmers is None:
        stemmers = local.stemmers = {
            code: snowballstemmer.stemmer(name) for code, name in STEMMER_LANGUAGES.items()
        }
    return stemmers[language]


@lru_cache(maxsize=100_000)
def stem(word, language):
    """The stem of the lower-case ``word`` in ``language``."""
    return stemmer(language).stemWord(word)


def query_term(word, language):
    """The term a query's ``word`` looks for: its stem as written, folded."""
    return fold(stem(word, language))


def word_terms(word):
    """The terms a text's lower-case ``word`` is indexed under, its main one first: the
    Lithuanian stem folded, the stem of the folded word, then the English ones."""
    folded = fold(word)
    terms = []
    for language in STEMMER_LANGUAGES:
        terms += [fold(stem(word, language)), stem(folded, language)]
    return list(dict.fromkeys(terms))


def index_text(text):
    """The terms to index for ``text``: each word's main term in the text's order, then the
    other terms."""
    main, others = [], []
    for word in WORD.findall(text.lower()):
        first, *rest = word_terms(word)
        main.append(first)
        others += rest
    return " ".join(main + others)


def query_text(text, language=None, phrase=False):
    """The terms of the query ``text`` in ``language`` (Lithuanian when not known); a
    phrase keeps its function words."""
    language = language if language in STEMMER_LANGUAGES else DEFAULT_LANGUAGE
    words = WORD.findall(text.lower())
    if not words:  # nothing to analyse: the backend answers as it does to such a query
        return text
    if not phrase:
        words = [word for word in words if word not in STOP_WORDS[language]] or words
    return " ".join(query_term(word, language) for word in words)


def has_words(query):
    """Whether a plain text or phrase query holds any word to look for."""
    return bool(WORD.search(query.query_string))


def analysed_query(query):
    """``query`` (a plain text or a phrase) with its words replaced by their terms."""
    language = getattr(query, "language", None)
    if isinstance(query, PlainText):
        return PlainText(query_text(query.query_string, language), operator=query.operator)
    return Phrase(query_text(query.query_string, language, phrase=True))


# --- Indexing ----------------------------------------------------------------------------------


def as_text(value):
    """A field's value as plain text (lists, dicts and related managers flattened)."""
    if value is None or isinstance(value, models.Manager | models.QuerySet):
        return ""
    if isinstance(value, list | tuple):
        return " ".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(as_text(item) for item in value.values())
    return force_str(value)


class AnalysedField(SearchField):
    """A search field whose value is the analysed text of an object's field."""

    def __init__(self, field, text):
        super().__init__(field.field_name, boost=field.boost)
        self.text = text

    def get_value(self, obj):
        return self.text


class WrittenField(AutocompleteField):
    """An autocomplete field whose value is the text of an object's field, as written."""

    def __init__(self, field, text):
        super().__init__(field.field_name)
        self.text = text

    def get_value(self, obj):
        return self.text


def related_objects(field, obj):
    value = field.get_value(obj)
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    return [value() if callable(value) else value]


def analysed_fields(obj, fields):
    """``fields`` of ``obj`` with their values, related objects' fields flattened."""
    for field in fields:
        if isinstance(field, SearchField):
            yield AnalysedField(field, index_text(as_text(field.get_value(obj))))
        elif isinstance(field, AutocompleteField):
            yield WrittenField(field, as_text(field.get_value(obj)))
        elif isinstance(field, RelatedFields):
            for related in related_objects(field, obj):
                yield from analysed_fields(related, field.fields)


class AnalysedObject:
    """What Wagtail's indexer reads of an object (its key and search fields), analysed."""

    def __init__(self, obj):
        self.pk = obj.pk
        self.search_fields = list(analysed_fields(obj, obj.get_search_fields()))

    def get_search_fields(self):
        return self.search_fields


class AnalysingIndexMixin:
    """Index the analysed terms of each object instead of its text."""

    def add_items(self, model, objs):
        super().add_items(model, [AnalysedObject(obj) for obj in objs])
