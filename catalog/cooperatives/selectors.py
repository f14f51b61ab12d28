"""Reads of the cooperative register: the directory, storefronts, labels."""

import datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.catalogue.selectors import product_list_browsable
from marketplace.core.ocop import ocop_in_force

from .models import ApprovalStatus, Cooperative, OcopCertificate, ProductListing

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Line = get_model("order", "Line")


def cooperative_list_public(
    *,
    province_code: int | None = None,
    kind: str | None = None,
    sector: str | None = None,
    today: datetime.date | None = None,
) -> QuerySet:
    """Return the approved cooperatives, filtered, each with its product counts.

    ``product_count`` counts its public listings, ``ocop_count`` those with a
    valid OCOP certificate.
    """
    today = today or timezone.localdate()
    public = Q(
        listings__status=ApprovalStatus.APPROVED, listings__product__is_public=True
    )
    queryset = Cooperative.objects.approved().annotate(
        product_count=Count("listings", filter=public),
        ocop_count=Count(
            "listings",
            filter=public
            & ocop_in_force(
                on=today,
                stars="listings__product__ocop_certificate__stars",
                expires_on="listings__product__ocop_certificate__expires_on",
            ),
        ),
    )
    if province_code:
        queryset = queryset.filter(province_code=province_code)
    if kind:
        queryset = queryset.filter(kind=kind)
    if sector:
        queryset = queryset.filter(sector=sector)
    return queryset.order_by("name", "pk")


def cooperative_get_public(*, slug: str) -> Cooperative:
    """Return the approved cooperative ``slug`` with its photos, or raise Http404."""
    return get_object_or_404(
        Cooperative.objects.approved().prefetch_related("photos"), slug=slug
    )


def cooperative_products_public(*, cooperative: Cooperative) -> QuerySet:
    """Return the cooperative's public products, list-ready, featured first."""
    return product_list_browsable().filter(listing__cooperative=cooperative)


def cooperative_ocop_counts(
    *, cooperative: Cooperative, today: datetime.date | None = None
) -> dict[int, int]:
    """Return {stars: number of public products with a valid certificate}."""
    rows = (
        OcopCertificate.objects.valid(on=today)
        .filter(
            product__is_public=True,
            product__listing__cooperative=cooperative,
            product__listing__status=ApprovalStatus.APPROVED,
        )
        .values("stars")
        .annotate(n=Count("pk"))
    )
    counts = {stars: 0 for stars in (5, 4, 3)}
    counts.update({row["stars"]: row["n"] for row in rows})
    return counts


def product_get_for_label(*, pk: int) -> "Product":
    """Return a public product with what its printable label shows, or 404."""
    return get_object_or_404(product_list_browsable(), pk=pk)


def ocop_certificate_scan_visible(*, user, certificate: OcopCertificate) -> bool:
    """Return whether ``user`` may see the certificate's scan.

    The certificate's own cooperative's staff, moderators and superusers.
    """
    if not certificate.scan or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("cooperatives.moderate"):
        return True
    return user.has_perm("cooperatives.manage_own") and (
        Cooperative.objects.for_user(user)
        .filter(listings__product__ocop_certificate=certificate)
        .exists()
    )


def ocop_certificate_scan_get(*, pk: int, user) -> OcopCertificate:
    """Return the certificate whose scan ``user`` may see, or raise Http404."""
    from django.http import Http404

    certificate = OcopCertificate.objects.filter(pk=pk).first()
    if certificate is None or not ocop_certificate_scan_visible(
        user=user, certificate=certificate
    ):
        raise Http404
    return certificate


# The cooperative area: everything is scoped to the user's own cooperative.


def cooperative_get_for_staff(*, user) -> Cooperative:
    """Return the cooperative ``user`` works for, or raise Http404."""
    from django.http import Http404

    if not user.has_perm("cooperatives.manage_own"):
        raise Http404
    cooperative = Cooperative.objects.for_user(user).select_related("partner").first()
    if cooperative is None:
        raise Http404
    return cooperative


def cooperative_products_own(*, cooperative: Cooperative, query: str = "") -> QuerySet:
    """Return all of the cooperative's products (public or not), newest first."""
    queryset = (
        Product.objects.filter(listing__cooperative=cooperative)
        .select_related("listing", "ocop_certificate")
        .prefetch_related("stockrecords", "images")
        .order_by("-date_created", "-pk")
    )
    if query:
        queryset = queryset.filter(title__icontains=query)
    return queryset


def cooperative_product_own(*, cooperative: Cooperative, pk: int) -> "Product":
    """Return one of the cooperative's products, or 404 (also for others')."""
    return get_object_or_404(cooperative_products_own(cooperative=cooperative), pk=pk)


def cooperative_lines(*, cooperative: Cooperative) -> QuerySet:
    """Return the order lines of the cooperative's partner, newest order first.

    Each line carries its order's delivery address (the buyer's details for
    that line); nothing of the order's other lines or its total.
    """
    return (
        Line.objects.filter(partner=cooperative.partner)
        .select_related("order__shipping_address", "order__user", "product")
        .order_by("-order__date_placed", "pk")
    )


def cooperative_line_own(*, cooperative: Cooperative, pk: int) -> "Line":
    """Return one of the cooperative's order lines, or 404 (also for others')."""
    return get_object_or_404(cooperative_lines(cooperative=cooperative), pk=pk)


def cooperative_sales_summary(*, cooperative: Cooperative) -> dict:
    """Return counts and totals of the cooperative's own lines, by status."""
    rows = (
        Line.objects.filter(partner=cooperative.partner)
        .values("status")
        .annotate(
            lines=Count("pk"),
            quantity=Sum("quantity"),
            total=Sum("line_price_incl_tax"),
        )
        .order_by("status")
    )
    by_status = {row["status"]: row for row in rows}
    sold = [row for status, row in by_status.items() if status != "Cancelled"]
    return {
        "by_status": by_status,
        "lines": sum(row["lines"] for row in sold),
        "quantity": sum(row["quantity"] or 0 for row in sold),
        "total": sum(row["total"] or 0 for row in sold),
    }


def moderation_queue() -> dict:
    """Return the cooperatives and listings waiting for a moderator."""
    return {
        "cooperatives": Cooperative.objects.filter(
            status=ApprovalStatus.PENDING
        ).order_by("date_created"),
        "listings": ProductListing.objects.filter(
            Q(status=ApprovalStatus.PENDING) | ~Q(pending_changes={})
        )
        .select_related("product", "cooperative")
        .order_by("submitted_at", "pk"),
    }


def category_choices() -> list[tuple[int, str]]:
    """Return (pk, "Parent › Child") for every public category, in tree order.

    One query: each name is built from its parent's (Oscar's ``full_name``
    would ask the database for every category's ancestors).
    """
    names: dict[str, str] = {}
    choices = []
    for category in Category.objects.filter(is_public=True).order_by("path"):
        parent = names.get(category.path[: -Category.steplen])
        names[category.path] = (
            f"{parent} › {category.name}" if parent else category.name
        )
        choices.append((category.pk, names[category.path]))
    return choices


def product_category_get(*, product: "Product") -> "Category | None":
    """Return the product's category (the first, if Oscar's staff set more)."""
    return product.categories.order_by("path").first()


def category_get(*, pk: int) -> "Category":
    """Return the public category ``pk`` (the product form offers only those)."""
    return Category.objects.get(pk=pk, is_public=True)


# --- moderation review -----------------------------------------------------------

#: The certificate's fields a change lists, in the order the form asks them.
_CERTIFICATE_KEYS = ("stars", "number", "issuing_body", "issued_on", "expires_on")


def listing_moderation_facts(*, listing: ProductListing) -> dict:
    """Return what a moderator checks before a listing (or its change) goes public.

    ``record`` (price, stock), ``photos``, ``category``, ``certificate`` (with
    its scan) as they stand now; ``changes``: one row per waiting change,
    ``{"field", "before", "after"}``, where ``field`` is the name of the
    product form's field (``ocop_<key>`` for the certificate's), so the page
    shows the label the cooperative saw when it typed the value.
    """
    product = listing.product
    record = (
        product.stockrecords.filter(partner_id=listing.cooperative.partner_id)
        .only("price", "num_in_stock", "num_allocated")
        .first()
    )
    certificate = OcopCertificate.objects.filter(product=product).first()
    return {
        "record": record,
        "photos": list(product.images.order_by("display_order", "pk")),
        "category": product_category_get(product=product),
        "certificate": certificate,
        "changes": _listing_changes(
            pending=listing.pending_changes,
            product=product,
            record=record,
            certificate=certificate,
        ),
    }


def _listing_changes(*, pending: dict, product, record, certificate) -> list[dict]:
    rows = []
    for key in ("title", "description"):
        if key in pending:
            rows.append(
                {"field": key, "before": getattr(product, key), "after": pending[key]}
            )
    if "price" in pending:
        before = int(record.price) if record and record.price is not None else None
        rows.append({"field": "price", "before": before, "after": pending["price"]})
    if "certificate" in pending:
        after = pending["certificate"] or {}
        for key in _CERTIFICATE_KEYS:
            old = getattr(certificate, key, None) if certificate else None
            new = after.get(key)
            if key in ("issued_on", "expires_on") and new:
                new = datetime.date.fromisoformat(new)
            if old != new:
                rows.append({"field": f"ocop_{key}", "before": old, "after": new})
    return rows
