"""Writing offers (a cooperative's products at a conference) and requests (a
business's wants), with the rules both forms and imports must keep: an
offer's product is the cooperative's own, its season is whole months or all
year, its price range is ordered and positive; a request names at least its
goods, and its delivery window is ordered. An offer's OCOP stars are read
from the product's certificate in force when it is saved, never typed.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.ocop import ocop_stars_in_force

from ..models import Offer, Participant, Want
from ..selectors.participation import own_products

OFFER_FIELDS = (
    "product",
    "monthly_volume",
    "unit",
    "season_from",
    "season_until",
    "price_min",
    "price_max",
    "note",
)
WANT_FIELDS = (
    "product",
    "category",
    "goods",
    "monthly_volume",
    "unit",
    "deliver_from",
    "deliver_until",
    "destination_province_code",
    "note",
)


def _volume_check(volume, errors: dict) -> None:
    if volume is None or Decimal(volume) <= 0:
        errors["monthly_volume"] = _("Enter a volume above zero.")


def offer_stars(*, product) -> int | None:
    """Return the stars of the product's OCOP certificate in force, or None."""
    certificate = getattr(product, "ocop_certificate", None)
    if certificate is None:
        return None
    return ocop_stars_in_force(certificate.stars, certificate.expires_on)


def offer_check(*, participant: Participant, data: dict) -> None:
    """Raise ValidationError (by field) unless ``data`` makes a valid offer."""
    errors = {}
    if not participant.is_cooperative:
        raise ValidationError(_("Only cooperatives publish offers."))
    product = data.get("product")
    if (
        product is None
        or not own_products(partner=participant.partner).filter(pk=product.pk).exists()
    ):
        errors["product"] = _("Choose one of your cooperative's products.")
    _volume_check(data.get("monthly_volume"), errors)
    season = (data.get("season_from"), data.get("season_until"))
    if (season[0] is None) != (season[1] is None):
        errors["season_until"] = _(
            "Give both the first and the last month of the season, or neither "
            "(all year round)."
        )
    for month in season:
        if month is not None and not 1 <= month <= 12:
            errors["season_from"] = _("A month is between 1 and 12.")
    low, high = data.get("price_min"), data.get("price_max")
    for field, price in (("price_min", low), ("price_max", high)):
        if price is not None and price <= 0:
            errors[field] = _("A price is above zero.")
    if low is not None and high is not None and high < low:
        errors["price_max"] = _("The highest price cannot be below the lowest.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def offer_save(*, participant: Participant, offer: Offer | None, data: dict) -> Offer:
    """Create or update one of the cooperative participant's offers."""
    offer_check(participant=participant, data=data)
    offer = offer or Offer(participant=participant)
    if offer.participant_id != participant.pk:
        raise ValidationError(_("This offer is not yours."))
    for field in OFFER_FIELDS:
        value = data.get(field)
        setattr(
            offer, field, "" if value is None and field in ("unit", "note") else value
        )
    offer.ocop_stars = offer_stars(product=offer.product)
    offer.save()
    return offer


def offer_delete(*, participant: Participant, offer: Offer) -> None:
    if offer.participant_id != participant.pk:
        raise ValidationError(_("This offer is not yours."))
    offer.delete()


def want_check(*, participant: Participant, data: dict) -> None:
    """Raise ValidationError (by field) unless ``data`` makes a valid request."""
    errors = {}
    if participant.is_cooperative:
        raise ValidationError(_("Only businesses publish requests."))
    if not (data.get("goods") or "").strip():
        errors["goods"] = _("Say what goods you seek.")
    _volume_check(data.get("monthly_volume"), errors)
    start, end = data.get("deliver_from"), data.get("deliver_until")
    if start and end and end < start:
        errors["deliver_until"] = _("Delivery cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def want_save(*, participant: Participant, want: Want | None, data: dict) -> Want:
    """Create or update one of the business participant's requests."""
    want_check(participant=participant, data=data)
    want = want or Want(participant=participant)
    if want.participant_id != participant.pk:
        raise ValidationError(_("This request is not yours."))
    for field in WANT_FIELDS:
        value = data.get(field)
        setattr(
            want, field, "" if value is None and field in ("unit", "note") else value
        )
    want.goods = want.goods.strip()
    want.save()
    return want


def want_delete(*, participant: Participant, want: Want) -> None:
    if want.participant_id != participant.pk:
        raise ValidationError(_("This request is not yours."))
    want.delete()
