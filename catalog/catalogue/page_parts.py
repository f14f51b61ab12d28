"""The product page's parts that differ per signed-in user, filled per request.

A buyer's own review and the votes they may cast, and their wish lists, are
rendered for each request, so a product page stored for every signed-in
buyer never shows one buyer's to another. Anonymous visitors all see the
same (no own review, no wish list): their stored page keeps these parts.
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from oscar.core.loading import get_model

from marketplace.pagecache.parts import page_part_register

Product = get_model("catalogue", "Product")


def _render(template: str, request, argument: str | None, context) -> str:
    # Rendered with the page, the view's product (and what it prefetched)
    # serves; filled in later, the part fetches it.
    product = context.get("product") if context is not None else None
    if product is None or str(product.pk) != argument:
        product = Product.objects.filter(pk=argument).first() if argument else None
    if product is None:
        return ""
    return render_to_string(
        template,
        {
            "product": product,
            "user": request.user,
            "request": request,
            # In a page being stored, the page's placeholder, never this
            # visitor's token.
            "csrf_token": context.get("csrf_token")
            if context is not None
            else get_token(request),
        },
    )


def product_reviews_html(request, argument=None, context=None) -> str:
    return _render(
        "oscar/catalogue/partials/product_reviews.html", request, argument, context
    )


def wishlist_html(request, argument=None, context=None) -> str:
    if not request.user.is_authenticated:
        return ""
    return _render(
        "oscar/catalogue/partials/add_to_wishlist.html", request, argument, context
    )


def register() -> None:
    page_part_register("product-reviews", product_reviews_html, per_user_only=True)
    page_part_register("wishlist", wishlist_html, per_user_only=True)
