"""Report the search index's health: objects in the database against documents in the index.

    python manage.py search_health [--backend default]

Prints one line per searchable model, and the changes queued while the server was down;
exits 0 when every count matches, 1 when some do not (run `manage.py search_retry` or
`manage.py update_index`), 2 when the search server cannot be reached.
"""

import sys

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from search.backends.elastic import LocalizedSearchBackendMixin
from search.models import PendingIndexUpdate

EXIT_MISMATCH = 1
EXIT_UNREACHABLE = 2


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


class Command(BaseCommand):
    help = "Compare the objects in the database with the documents in the search index."

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help="WAGTAILSEARCH_BACKENDS key")

    def handle(self, *args, **options):
        backend = get_search_backend(options["backend"])
        models = [model for model in get_indexed_models() if not model._meta.abstract]
        self.stdout.write(f"Search backend '{options['backend']}': {type(backend).__module__}")
        try:
            indexed = (
                self.server_counts(backend, models)
                if isinstance(backend, LocalizedSearchBackendMixin)
                else self.database_counts(models)
            )
        except Exception as error:  # noqa: BLE001 (any client error means the same here)
            self.stderr.write(f"The search server cannot be reached or refused: {error}")
            sys.exit(EXIT_UNREACHABLE)
        width = max(len(label(model)) for model in models) + 2
        self.stdout.write(f"{'model'.ljust(width)}{'database':>10}{'index':>10}")
        mismatches = 0
        total_database = total_index = 0
        for model in models:
            in_database = model.get_indexed_objects().count()
            in_index = indexed[model]
            total_database += in_database
            total_index += in_index
            flag = "" if in_database == in_index else "  <- differs"
            mismatches += bool(flag)
            self.stdout.write(f"{label(model).ljust(width)}{in_database:>10}{in_index:>10}{flag}")
        self.stdout.write(f"{'total'.ljust(width)}{total_database:>10}{total_index:>10}")
        pending = PendingIndexUpdate.objects.count()
        if pending:
            self.stdout.write(
                f"{pending} change(s) wait for `python manage.py search_retry` "
                "(written while the search server was down)."
            )
        if mismatches:
            self.stderr.write(
                f"{mismatches} model(s) differ: run `python manage.py update_index` to rebuild."
            )
        if mismatches or pending:
            sys.exit(EXIT_MISMATCH)
        self.stdout.write("OK: the index holds every searchable object.")

    def server_counts(self, backend, models):
        counts = {}
        refreshed = set()
        for model in models:
            index = backend.get_index_for_model(model)
            if index.name not in refreshed:
                if not backend.es.indices.exists(index=index.name):
                    counts.update({each: 0 for each in models if each not in counts})
                    refreshed.add(index.name)
                    continue
                backend.es.indices.refresh(index=index.name)
                refreshed.add(index.name)
            mapping = backend.mapping_class(model)
            subclasses = [
                backend.mapping_class(other).get_content_type()
                for other in models
                if other is not model and issubclass(other, model)
            ]
            query = {
                "bool": {
                    "filter": [{"match": {"_django_content_type": mapping.get_content_type()}}],
                    "must_not": [
                        {"match": {"_django_content_type": content_type}}
                        for content_type in subclasses
                    ],
                }
            }
            counts[model] = backend.raw_count(index.name, query)
        return counts

    def database_counts(self, models):
        return {
            model: IndexEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model)
            ).count()
            for model in models
        }
