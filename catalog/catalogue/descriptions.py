"""Product, category, offer and range descriptions are cleaned on every save.

A receiver of ``pre_save`` is the one place every write passes through: the
cooperative's product form (through ``listing_save`` and moderation),
Oscar's dashboard product and category forms, Django's admin, the demo loader
and fixtures all end in ``Model.save()``, while a check in each form would
miss the others. Oscar's offer app is not forked, so its two models are
listed here with the catalogue's. (``QuerySet.update()`` and
``bulk_create()`` skip it; nothing writes descriptions that way, and the
pages clean again when they render.)
"""

from django.db.models.signals import pre_save
from oscar.core.loading import get_model

from marketplace.core.html import html_sanitise

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")

#: The HTML fields of each model, shown on the store's pages (offers and
#: ranges, written in Oscar's dashboard, on /shop/offers/).
HTML_FIELDS = {
    Product: ("description",),
    Category: ("description", "long_description"),
    ConditionalOffer: ("description",),
    Range: ("description",),
}


def description_sanitise(sender, instance, **kwargs) -> None:
    """Clean ``instance``'s HTML fields to the allow-list before they are written."""
    for name in HTML_FIELDS.get(sender, ()):
        value = getattr(instance, name)
        if value:
            setattr(instance, name, html_sanitise(value))


def connect() -> None:
    for model in HTML_FIELDS:
        pre_save.connect(
            description_sanitise,
            sender=model,
            dispatch_uid=f"htx-sanitise-{model._meta.label_lower}",
        )
