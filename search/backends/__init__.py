"""Search backends of the site: Wagtail's, with Lithuanian and English analysis.

`search.backends.elasticsearch8` and `search.backends.opensearch2` are referenced from
WAGTAILSEARCH_BACKENDS; `search.backends.database` is Wagtail's database backend with
Lithuanian and English stemming and folding (`analysis.py`) on PostgreSQL and SQLite.
"""
