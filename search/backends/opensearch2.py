"""Wagtail's OpenSearch 2 backend with the site's Lithuanian and English analysis."""

from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
)

from search.backends.elastic import (
    LocalizedMappingMixin,
    LocalizedQueryCompilerMixin,
    LocalizedSearchBackendMixin,
)


class CityOpenSearch2Mapping(LocalizedMappingMixin, OpenSearch2Mapping):
    pass


class CityOpenSearch2QueryCompiler(LocalizedQueryCompilerMixin, OpenSearch2SearchQueryCompiler):
    mapping_class = CityOpenSearch2Mapping


class CityOpenSearch2AutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    mapping_class = CityOpenSearch2Mapping


class CityOpenSearch2SearchBackend(LocalizedSearchBackendMixin, OpenSearch2SearchBackend):
    mapping_class = CityOpenSearch2Mapping
    query_compiler_class = CityOpenSearch2QueryCompiler
    autocomplete_query_compiler_class = CityOpenSearch2AutocompleteQueryCompiler

    def raw_search(self, indices, body):
        return self.es.search(
            index=",".join(indices),
            body=body,
            # Term statistics of all the indices searched: scores of pages and documents
            # (two indices of very different sizes) become comparable.
            params={"ignore_unavailable": "true", "search_type": "dfs_query_then_fetch"},
        )

    def raw_count(self, index, query):
        return self.es.count(index=index, body={"query": query})["count"]


SearchBackend = CityOpenSearch2SearchBackend
