"""StreamField blocks shared by the news site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a caption and an optional credit."""

    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, label=_("Chú thích"))
    attribution = blocks.CharBlock(required=False, label=_("Nguồn ảnh"))

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("Ảnh có chú thích")


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person quoted."""

    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(required=False, label=_("Người phát biểu"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Trích dẫn")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to an attached document (PDF, Word…)."""

    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(required=False, label=_("Tiêu đề hiển thị"))

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"
        label = _("Liên kết tài liệu")


class BodyBlock(blocks.StreamBlock):
    """The body of an article: paragraphs, images, quotes and documents."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Tiêu đề mục")
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
        label=_("Đoạn văn"),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
