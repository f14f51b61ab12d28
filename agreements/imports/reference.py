"""What the import template's reference sheet lists: the codes and names a
sheet must use, read from the register and the catalogue in a few queries."""

from typing import Any

from oscar.core.loading import get_model

from ..models import Business, Commitment
from .checking import goods_key

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


def import_reference() -> dict[str, list[dict[str, Any]]]:
    """Return {"cooperatives": [{"code", "name", "products", "goods"}],
    "businesses": [{"tax_code", "name"}]}.

    A cooperative's ``products`` are the titles of the catalogue products it
    sells (a line with one of these names is matched to the product);
    ``goods`` the other goods names its agreement lines already use. Only
    cooperatives with a code are listed: the import finds them by it.
    """
    partners = list(
        Partner.objects.exclude(code="")
        .select_related("cooperative")
        .order_by("code")
        .only("pk", "code", "name", "cooperative__name")
    )
    products: dict[int, list[str]] = {}
    for partner_id, title in (
        Product.objects.filter(stockrecords__partner__in=partners)
        .exclude(title="")
        .values_list("stockrecords__partner_id", "title")
        .distinct()
        .order_by("title")
    ):
        products.setdefault(partner_id, []).append(title)
    goods: dict[int, list[str]] = {}
    for partner_id, name in (
        Commitment.objects.filter(partner__in=partners)
        .exclude(goods="")
        .values_list("partner_id", "goods")
        .distinct()
        .order_by("goods")
    ):
        known = {goods_key(title) for title in products.get(partner_id, [])}
        known |= {goods_key(other) for other in goods.get(partner_id, [])}
        if goods_key(name) not in known:
            goods.setdefault(partner_id, []).append(name)
    cooperatives = []
    for partner in partners:
        cooperative = getattr(partner, "cooperative", None)
        cooperatives.append(
            {
                "code": partner.code,
                "name": cooperative.name if cooperative else partner.name,
                "products": products.get(partner.pk, []),
                "goods": goods.get(partner.pk, []),
            }
        )
    businesses = [
        {"tax_code": tax_code, "name": name}
        for tax_code, name in Business.objects.order_by("name").values_list(
            "tax_code", "name"
        )
    ]
    return {"cooperatives": cooperatives, "businesses": businesses}
