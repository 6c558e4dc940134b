"""One search over the site's pages and documents, with filters, snippets and suggestions.

With a search server (search.backends.elasticsearch8 / opensearch2) it is one request over
the pages' and the documents' indices: the visitor's language decides the analysed fields,
the server ranks, counts the result types, highlights and pages. With the database backend
(the embedded default) each model is searched on its own and the results merged here.

A search server (or database) that fails raises `SearchUnavailable`; the view answers 503.
A query that the backend refuses (a 4xx answer, a value the database rejects) is not an
outage: it is searched again as its plain words, and gives no results if that is refused
too.
"""

import dataclasses
import datetime
import html
import logging
import re
from itertools import chain

from django.core.paginator import Paginator
from django.db import DataError, ProgrammingError
from django.utils.safestring import mark_safe

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from search.backends.elastic import LocalizedSearchBackendMixin, LocalizedText
from search.content import (
    KINDS,
    date_of,
    fold,
    kind_of,
    title_and_text,
    working_group_document_ids,
    working_group_page_ids,
)

logger = logging.getLogger(__name__)

SNIPPET_LENGTH = 220
# The database path ranks at most this many results of each model.
DATABASE_RESULT_LIMIT = 500
SUGGESTION_LIMIT = 8
# The search server answers results up to this far (its index.max_result_window).
MAX_RESULT_WINDOW = 10_000


class SearchUnavailable(Exception):
    """The search server (or the database) is down or failing."""


def is_refused_query(error):
    """The backend refused this query (a 4xx answer of the search server, a value the
    database rejects), as opposed to being unreachable or failing."""
    if isinstance(error, (DataError, ProgrammingError)):
        return True
    status = getattr(error, "status_code", None)  # opensearch-py's and elasticsearch's
    return isinstance(status, int) and 400 <= status < 500 and status not in (408, 429)


@dataclasses.dataclass
class Filters:
    kind: str = ""
    group: Page | None = None  # a WorkingGroupPage
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclasses.dataclass
class Result:
    object: object
    kind: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around the matched words
    date: datetime.date | None

    @property
    def kind_label(self):
        return KINDS.get(self.kind, KINDS["page"])

    @property
    def is_document(self):
        return self.kind == "document"


@dataclasses.dataclass
class SearchPage:
    """One page of results: what `django.core.paginator.Page` offers the templates."""

    results: list
    count: int
    number: int
    per_page: int
    facets: dict  # kind -> count, before the kind filter

    @property
    def paginator(self):
        return Paginator(range(self.count), self.per_page)

    @property
    def page(self):
        return self.paginator.get_page(self.number)


def uses_search_server(backend=None):
    return isinstance(backend or get_search_backend(), LocalizedSearchBackendMixin)


# --- What may be found ---------------------------------------------------------------------


def public_pages(locale):
    return Page.objects.live().public().filter(locale=locale, depth__gt=1)


def public_documents():
    """Documents that a live public page uses or an editor marked public, outside restricted
    collections (documents/models.py)."""
    documents = get_document_model().objects.public()
    restricted = CollectionViewRestriction.objects.values_list("collection", flat=True)
    if restricted:
        hidden = set()
        for collection in Collection.objects.filter(pk__in=restricted):
            hidden.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
        documents = documents.exclude(collection__in=hidden)
    return documents


def result_for(obj, snippet):
    url = obj.get_url() if isinstance(obj, Page) else obj.url
    return Result(
        object=obj,
        kind=kind_of(obj),
        title=obj.title,
        url=url or "",
        snippet=snippet,
        date=date_of(obj),
    )


# --- Search ----------------------------------------------------------------------------------


def search(query, language, locale, filters=None, page_number=1, per_page=10):
    """The results page ``page_number`` for ``query`` in ``language``."""
    filters = filters or Filters()
    backend = get_search_backend()
    pages = public_pages(locale)
    documents = public_documents()
    if filters.group is not None:
        page_ids = working_group_page_ids(filters.group)
        pages = pages.filter(pk__in=page_ids)
        documents = documents.filter(pk__in=working_group_document_ids(page_ids))

    def run(words):
        if uses_search_server(backend):
            return _server_search(
                backend, words, language, pages, documents, filters, page_number, per_page
            )
        return _database_search(words, language, pages, documents, filters, page_number, per_page)

    for words in dict.fromkeys([query, plain_words(query)]):  # the query, then its words
        if not words:
            continue
        try:
            return run(words)
        except Exception as error:
            if not is_refused_query(error):
                raise SearchUnavailable(str(error)) from error
            logger.warning("The search backend refused the query %r: %s", words, error)
    return SearchPage(results=[], count=0, number=1, per_page=max(1, per_page), facets={})


def plain_words(query):
    """The words of ``query`` without any other character."""
    return " ".join(WORD.findall(query))


def _date_filter(filters):
    bounds = {}
    if filters.date_from:
        bounds["gte"] = filters.date_from.isoformat()
    if filters.date_to:
        bounds["lte"] = filters.date_to.isoformat()
    return [{"range": {"_date": bounds}}] if bounds else []


def _server_search(backend, query, language, pages, documents, filters, page_number, per_page):
    per_page = max(1, per_page)
    # Pages beyond the server's result window, or beyond the results: the last page.
    number = min(max(1, page_number), MAX_RESULT_WINDOW // per_page)
    found = _server_search_page(
        backend, query, language, pages, documents, filters, number, per_page
    )
    last = max(1, -(-found.count // per_page))
    if number > last:
        found = _server_search_page(
            backend, query, language, pages, documents, filters, last, per_page
        )
    return found


def _server_search_page(backend, query, language, pages, documents, filters, number, per_page):
    words = LocalizedText(query, language)
    page_model = Page
    document_model = get_document_model()
    text_field = f"text_{language}"
    body = {
        "query": {
            "bool": {
                "should": [
                    backend.compile_query(pages, words),
                    backend.compile_query(documents, words),
                ],
                "minimum_should_match": 1,
                "filter": _date_filter(filters),
            }
        },
        "aggs": {"kinds": {"terms": {"field": "_kind", "size": len(KINDS)}}},
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                text_field: {
                    "number_of_fragments": 1,
                    "fragment_size": SNIPPET_LENGTH,
                    "no_match_size": SNIPPET_LENGTH,
                },
                f"{text_field}.folded": {
                    "number_of_fragments": 1,
                    "fragment_size": SNIPPET_LENGTH,
                },
            },
        },
        "from": (number - 1) * per_page,
        "size": per_page,
        "track_total_hits": True,
        "_source": False,
        "stored_fields": ["pk"],
        "docvalue_fields": ["_kind"],
    }
    if filters.kind:
        # After the counts per type: the filter list shows what each type would give.
        body["post_filter"] = {"term": {"_kind": filters.kind}}
    response = backend.raw_search(
        [backend.index_name(page_model), backend.index_name(document_model)], body
    )
    hits = response["hits"]["hits"]
    total = response["hits"]["total"]
    count = total["value"] if isinstance(total, dict) else total
    facets = {
        bucket["key"]: bucket["doc_count"]
        for bucket in response.get("aggregations", {}).get("kinds", {}).get("buckets", [])
    }

    def hit_kind(hit):
        return hit.get("fields", {}).get("_kind", ["page"])[0]

    page_pks = [int(hit["fields"]["pk"][0]) for hit in hits if hit_kind(hit) != "document"]
    document_pks = [int(hit["fields"]["pk"][0]) for hit in hits if hit_kind(hit) == "document"]
    objects = {("page", page.pk): page for page in pages.filter(pk__in=page_pks).specific()}
    objects.update({("document", doc.pk): doc for doc in documents.filter(pk__in=document_pks)})
    results = []
    for hit in hits:
        group = "document" if hit_kind(hit) == "document" else "page"
        obj = objects.get((group, int(hit["fields"]["pk"][0])))
        if obj is None:  # deleted or unpublished since it was indexed
            continue
        # The fragment that marks the most words: the folded field's marks the words typed
        # without diacritics too, the other one gives the text when nothing matched.
        highlight = hit.get("highlight", {})
        fragments = highlight.get(text_field, []) + highlight.get(f"{text_field}.folded", [])
        snippet = max(fragments, key=lambda fragment: fragment.count("<mark>"), default="")
        # The server escaped the text (encoder "html") and added only <mark> tags.
        results.append(result_for(obj, mark_safe(snippet)))  # noqa: S308
    return SearchPage(results=results, count=count, number=number, per_page=per_page, facets=facets)


def _database_search(query, language, pages, documents, filters, page_number, per_page):
    words = LocalizedText(query, language)
    found = []
    for queryset in (pages.specific(), documents):
        results = queryset.search(words).annotate_score("_score")[:DATABASE_RESULT_LIMIT]
        found.extend(results)
    found.sort(key=lambda obj: -(getattr(obj, "_score", 0) or 0))
    if filters.date_from or filters.date_to:
        found = [obj for obj in found if _in_dates(date_of(obj), filters)]
    facets = {}
    for obj in found:
        facets[kind_of(obj)] = facets.get(kind_of(obj), 0) + 1
    if filters.kind:
        found = [obj for obj in found if kind_of(obj) == filters.kind]
    paginator = Paginator(found, max(1, per_page))
    page = paginator.get_page(page_number)
    results = [result_for(obj, make_snippet(title_and_text(obj)[1], query)) for obj in page]
    return SearchPage(
        results=results,
        count=paginator.count,
        number=page.number,
        per_page=per_page,
        facets=facets,
    )


def _in_dates(day, filters):
    if day is None:
        return False
    if filters.date_from and day < filters.date_from:
        return False
    return not (filters.date_to and day > filters.date_to)


WORD = re.compile(r"\w+")


def make_snippet(text, query, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around the first word of ``query``, escaped,
    with the query's words (ignoring case, diacritics and endings) in <mark>."""
    text = " ".join(text.split())
    # Fold character by character, so that positions in the folded text are positions in
    # the text itself.
    folded = "".join((fold(char) or char)[:1] for char in text)
    # A word matches by its beginning: enough letters to ignore Lithuanian endings.
    prefixes = {fold(word)[: max(3, len(word) - 3)] for word in WORD.findall(query)}
    prefixes.discard("")
    matches = [
        match
        for match in WORD.finditer(folded)
        if any(match.group().startswith(prefix) for prefix in prefixes)
    ]
    start = 0
    if matches:
        start = max(0, matches[0].start() - length // 4)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + length)
    while end < len(text) and not text[end].isspace() and end - start < length + 30:
        end += 1
    pieces = []
    position = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:end]))
    snippet = "".join(pieces)
    if start > 0:
        snippet = "… " + snippet
    if end < len(text):
        snippet += " …"
    return mark_safe(snippet)  # noqa: S308 (every piece is escaped above)


# --- Suggestions -----------------------------------------------------------------------------


def suggest(query, locale, limit=SUGGESTION_LIMIT):
    """Titles of pages and documents whose words begin with the words typed."""
    try:
        return _suggest(query, locale, limit)
    except Exception as error:
        if not is_refused_query(error):
            raise SearchUnavailable(str(error)) from error
        logger.warning("The search backend refused the suggestions for %r: %s", query, error)
        return []


def _suggest(query, locale, limit):
    found = chain(
        public_pages(locale).specific().autocomplete(query, operator="and")[:limit],
        public_documents().autocomplete(query, operator="and")[:limit],
    )
    suggestions = []
    seen = set()
    for obj in found:
        key = fold(obj.title)
        if key in seen:
            continue
        seen.add(key)
        suggestions.append({"title": obj.title, "kind": str(KINDS[kind_of(obj)])})
        if len(suggestions) == limit:
            break
    return suggestions
