"""Wagtail's Elasticsearch 8 backend with the site's Lithuanian and English analysis.

The same mapping and queries as `search.backends.opensearch2` (the tests run those against
a real OpenSearch node); only the client's calling convention differs.
"""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

from search.backends.elastic import (
    LocalizedMappingMixin,
    LocalizedQueryCompilerMixin,
    LocalizedSearchBackendMixin,
)


class CityElasticsearch8Mapping(LocalizedMappingMixin, Elasticsearch8Mapping):
    pass


class CityElasticsearch8QueryCompiler(
    LocalizedQueryCompilerMixin, Elasticsearch8SearchQueryCompiler
):
    mapping_class = CityElasticsearch8Mapping


class CityElasticsearch8AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = CityElasticsearch8Mapping


class CityElasticsearch8SearchBackend(LocalizedSearchBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = CityElasticsearch8Mapping
    query_compiler_class = CityElasticsearch8QueryCompiler
    autocomplete_query_compiler_class = CityElasticsearch8AutocompleteQueryCompiler

    def raw_search(self, indices, body):
        response = self.es.search(
            index=",".join(indices),
            ignore_unavailable=True,
            # Term statistics of all the indices searched (see the OpenSearch backend).
            search_type="dfs_query_then_fetch",
            body=body,
        )
        return response.body

    def raw_count(self, index, query):
        return self.es.count(index=index, body={"query": query})["count"]


SearchBackend = CityElasticsearch8SearchBackend
