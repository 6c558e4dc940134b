"""The municipality's own image and document models.

Images require alternative text; documents carry a kind (order, minutes, report, draft),
an official date and number, so that listings and search can show what a file is.

A document is public (downloadable by anyone, found by the site search, listed on pages)
when a live public page uses it, or when an editor marks it public: a file attached to a
draft stays private until the draft is published (documents/publicity.py keeps
`on_public_page` up to date; documents/wagtail_hooks.py refuses the downloads).
"""

import logging

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, DocumentQuerySet
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.utils.file import hash_filelike

from documents.text_extraction import extract_text

logger = logging.getLogger(__name__)


class CityImage(AbstractImage):
    """An uploaded picture; its alternative text is required for screen-reader users."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )

    admin_form_fields = (*WagtailImage.admin_form_fields, "alt_text")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CityRendition(AbstractRendition):
    image = models.ForeignKey(CityImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CityDocumentQuerySet(DocumentQuerySet):
    def public(self):
        """The documents anyone may download and find."""
        return self.filter(models.Q(marked_public=True) | models.Q(on_public_page=True))


class CityDocument(AbstractDocument):
    """A plan document: an order, meeting minutes, a report or a plan draft file."""

    class Kind(models.TextChoices):
        ORDER = "order", _("Order")
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report")
        DRAFT = "draft", _("Plan draft")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    document_date = models.DateField(_("date"), null=True, blank=True)
    number = models.CharField(
        _("number"), max_length=50, blank=True, help_text=_("Official number, e.g. M-18.")
    )

    text = models.TextField(
        _("text"),
        blank=True,
        editable=False,
        help_text=_("The file's text, extracted on upload for search (PDF, DOCX, ODT)."),
    )
    # The file_hash the text was extracted from: a new file means a new extraction.
    text_file_hash = models.CharField(max_length=40, blank=True, editable=False)

    marked_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Anyone may download and find this document at once. Without this, it becomes "
            "public when a published page uses it."
        ),
    )
    on_public_page = models.BooleanField(
        _("used by a published page"),
        default=False,
        editable=False,
        help_text=_("A live page that anyone may see uses this document (set automatically)."),
    )

    objects = CityDocumentQuerySet.as_manager()

    admin_form_fields = (
        *WagtailDocument.admin_form_fields,
        "kind",
        "document_date",
        "number",
        "marked_public",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("number", boost=5),
        index.SearchField("text"),
        index.AutocompleteField("number"),
        index.FilterField("kind"),
        index.FilterField("document_date"),
        index.FilterField("marked_public"),
        index.FilterField("on_public_page"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "title"]
        permissions = [("choose_document", "Can choose document")]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.file and (update_fields is None or "file" in update_fields):
            if not self.file_hash or self.file_size is None:
                # Created in code rather than through the admin's upload form.
                self.read_file_metadata()
            if self.file_hash != self.text_file_hash:
                self.extract_text()
                if update_fields is not None:
                    kwargs["update_fields"] = {
                        *update_fields,
                        "text",
                        "text_file_hash",
                        "file_hash",
                        "file_size",
                    }
        super().save(*args, **kwargs)

    def read_file_metadata(self):
        """The file's size and hash, as the admin's upload form records them."""
        self.file_size = self.file.size
        with self.open_file() as fileobj:
            self.file_hash = hash_filelike(fileobj)

    @property
    def is_public(self):
        """Anyone may download and find it (see `CityDocumentQuerySet.public`)."""
        return self.marked_public or self.on_public_page

    def extract_text(self):
        """Read the file's text into ``text`` (for search)."""
        with self.open_file() as fileobj:
            self.text = extract_text(fileobj, self.file_extension)
        self.text_file_hash = self.file_hash


class PageDocument(Orderable):
    """A document a page lists (an article's order, a draft's annexes). A page type makes
    its own link model from this one with a ``page`` ParentalKey (related name
    ``documents``)."""

    document = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        abstract = True
