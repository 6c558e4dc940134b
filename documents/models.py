"""The municipality's own image and document models.

Images require alternative text; documents carry a kind (order, minutes, report, draft),
an official date and number, so that listings and search can show what a file is.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


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


class CityRendition(AbstractRendition):
    image = models.ForeignKey(CityImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


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

    admin_form_fields = (*WagtailDocument.admin_form_fields, "kind", "document_date", "number")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "title"]
