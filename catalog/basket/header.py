"""The header's basket count: a per-visitor part of every page, cached or not."""

from django.template.loader import render_to_string

from marketplace.pagecache.parts import page_part_register


def basket_count_html(request, argument=None, context=None) -> str:
    """Render the number of items in this visitor's basket (nothing when empty)."""
    basket = getattr(request, "basket", None)
    # An anonymous visitor without a basket cookie has an unsaved basket:
    # no query.
    count = basket.num_items if basket is not None and basket.id else 0
    if not count:
        return ""
    return render_to_string("oscar/basket/partials/header_count.html", {"count": count})


def register() -> None:
    page_part_register("basket", basket_count_html)
