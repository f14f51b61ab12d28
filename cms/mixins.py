"""Mixins shared by the news site's page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class BodyCardsMixin:
    """Fetch the products and cooperatives of a body's cards in one query each."""

    def get_context(self, request, *args, **kwargs):
        from .selectors import cooperative_map, product_map

        context = super().get_context(request, *args, **kwargs)
        ids = [
            block.value["product"]
            for block in self.body
            if block.block_type == "product"
        ]
        context["card_products"] = product_map(ids=ids)
        context["card_cooperatives"] = cooperative_map(
            slugs=[
                block.value["cooperative"]
                for block in self.body
                if block.block_type == "cooperative"
            ]
        )
        return context


class SeoMixin(models.Model):
    """What every page of the site shares: an Open Graph image for sharing
    (Wagtail already has the SEO title and description), and the context that
    lets the page cache store it (see ``cache.py``)."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Social sharing image"),
        help_text=_("Shown when the page is shared (Open Graph). 1200×630 is best."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("og_image"),
            ],
            heading=_("For search engines and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # Wagtail's own default slug drops "đ" ("đôn đốc" -> "on-oc"); ours is
        # set first, and Wagtail's then finds a slug already there.
        from .slugs import page_slug_default

        page_slug_default(self)
        super()._set_core_field_defaults()

    def get_og_image(self):
        """Return the image to show when the page is shared, if any."""
        return self.og_image or getattr(self, "image", None)
