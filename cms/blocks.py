"""StreamField blocks shared by the news site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a caption and an optional credit."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    attribution = blocks.CharBlock(required=False, label=_("Image credit"))

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"
        label = _("Captioned image")


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person quoted."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Speaker"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to an attached document (PDF, Word…)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"
        label = _("Document link")


def product_choices() -> list[tuple[str, str]]:
    """Return the browsable products an editor can show as a card."""
    from catalog.catalogue.selectors import product_list_browsable

    return [
        (str(pk), title)
        for pk, title in product_list_browsable(sort="title").values_list("pk", "title")
    ]


class ProductChoiceBlock(blocks.ChoiceBlock):
    """A product id, validated against the catalogue when the editor saves.

    Reading a stored value does not list the catalogue (ChoiceBlock would,
    once per card on every render).
    """

    def to_python(self, value):
        return "" if value is None else str(value)

    def get_searchable_content(self, value):
        return []


class ProductCardBlock(blocks.StructBlock):
    """A card for an OCOP product of the store, chosen from the catalogue.

    Oscar's models cannot be snippets, so the product is a choice among the
    browsable products (validated on save); the card is rendered from the
    catalogue's selector, never from the product table directly.
    """

    product = ProductChoiceBlock(choices=product_choices, label=_("Product"))
    note = blocks.CharBlock(required=False, label=_("Note"))

    class Meta:
        icon = "tag"
        template = "cms/blocks/product_card.html"
        label = _("Product card")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        products = (parent_context or {}).get("card_products")
        if products is None:
            from .selectors import product_map

            products = product_map(ids=[value["product"]])
        context["product"] = products.get(int(value["product"] or 0))
        return context


def cooperative_choices() -> list[tuple[str, str]]:
    from .selectors import cooperative_choices as choices

    return choices()


class CooperativeChoiceBlock(ProductChoiceBlock):
    """A cooperative's slug, validated against the approved cooperatives on save."""


class CooperativeCardBlock(blocks.StructBlock):
    """A card for an approved cooperative: name, place, OCOP products, link."""

    cooperative = CooperativeChoiceBlock(
        choices=cooperative_choices, label=_("Cooperative")
    )
    note = blocks.CharBlock(required=False, label=_("Note"))

    class Meta:
        icon = "group"
        template = "cms/blocks/cooperative_card.html"
        label = _("Cooperative card")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        cooperatives = (parent_context or {}).get("card_cooperatives")
        if cooperatives is None:
            from .selectors import cooperative_map

            cooperatives = cooperative_map(slugs=[value["cooperative"]])
        context["cooperative"] = cooperatives.get(value["cooperative"])
        return context


class BodyBlock(blocks.StreamBlock):
    """The body of an article: paragraphs, images, quotes and documents."""

    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
        label=_("Paragraph"),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    product = ProductCardBlock()
    cooperative = CooperativeCardBlock()
