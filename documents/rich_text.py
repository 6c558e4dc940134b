"""Document links in rich text (``<a linktype="document" id="…">``), their addresses from
the shell cache (home/shell.py): a text's document links cost no query once read. Saving or
deleting a document makes the addresses stale, as it does the rest of the shell."""

from django.utils.html import escape

from wagtail.documents.rich_text import DocumentLinkHandler

from home import shell


class CachedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document link handler, reading the addresses through the shell cache."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        urls = shell.cached(
            "document-links", ",".join(sorted(set(ids))), build=lambda: cls.urls(attrs_list)
        )
        return [f'<a href="{escape(urls[id_])}">' if urls.get(id_) else "<a>" for id_ in ids]

    @classmethod
    def urls(cls, attrs_list):
        """The address of each linked document by id (None for one that is gone)."""
        documents = cls.get_many(attrs_list)
        return {
            str(attrs.get("id")): document.url if document else None
            for attrs, document in zip(attrs_list, documents, strict=True)
        }
