"""Write the search documents that could not be written while the search server was down.

    python manage.py search_retry

Run it after an outage, or every few minutes from cron: it does nothing when nothing is
pending. Exits 1 when the server still refuses (the updates stay queued).
"""

import contextlib
import sys

from django.core.management.base import BaseCommand

from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed, get_indexed_instance

from search import outage
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Retry the search index updates that failed while the search server was down."

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help="WAGTAILSEARCH_BACKENDS key")

    def handle(self, *args, **options):
        backend = get_search_backend(options["backend"])
        outage.mark_up(backend)  # try now, whatever an earlier failure decided
        done = failed = 0
        for pending in PendingIndexUpdate.objects.select_related("content_type").order_by("pk"):
            model = pending.content_type.model_class()
            if model is None or not class_is_indexed(model):
                pending.delete()
                continue
            obj = model._default_manager.filter(pk=pending.object_id).first()
            try:
                if obj is not None and not pending.deleted:
                    indexed = get_indexed_instance(obj)
                    if indexed is not None:
                        backend.add(indexed)
                else:
                    self.delete_document(backend, model, pending.object_id)
            except Exception as error:  # noqa: BLE001 (the server is still down)
                failed += 1
                self.stderr.write(f"{pending}: {error}")
                break
            pending.delete()
            done += 1
        left = PendingIndexUpdate.objects.count()
        self.stdout.write(f"Re-indexed {done} object(s); {left} still pending.")
        if failed:
            sys.exit(1)

    def delete_document(self, backend, model, object_id):
        index = backend.get_index_for_model(model)
        with contextlib.suppress(backend.NotFoundError):
            index.es.delete(index=index.name, id=str(object_id))
