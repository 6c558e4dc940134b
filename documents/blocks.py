"""StreamField blocks shared by every page app.

They live in this foundation app so that page apps never import one another.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class FigureBlock(blocks.StructBlock):
    """An image with an optional caption; the alt text comes from the image itself."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library, shown with its kind and date."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label=_("Quotation"))
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of ordinary pages: paragraphs, headings, images, documents, quotes."""

    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    figure = FigureBlock(label=_("Image"))
    document = DocumentLinkBlock(label=_("Document"))
    quote = QuoteBlock(label=_("Quotation"))
