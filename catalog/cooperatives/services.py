"""Writes of the cooperative register: registration, listings, moderation, lines.

Every change a cooperative makes to what buyers see goes through moderation:
a new listing stays hidden until approved, and a change to a public listing's
name, description, price or OCOP data waits in ``pending_changes`` while the
last approved version stays public.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.checkout.cash_on_delivery import cash_on_delivery_line_paid
from marketplace.core import roles
from marketplace.core.ocop import ocop_in_force

from .models import ApprovalStatus, Cooperative, OcopCertificate, ProductListing
from .shipments import shipment_line_status_changed

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Line = get_model("order", "Line")
User = get_user_model()

#: The product fields whose change on a public listing needs a moderator.
MODERATED_PRODUCT_FIELDS = ("title", "description")
#: The OCOP certificate fields (all of them are moderated).
CERTIFICATE_FIELDS = ("stars", "number", "issuing_body", "issued_on", "expires_on")

#: Line statuses a cooperative moves its lines through (Oscar's line pipeline).
LINE_CONFIRMED, LINE_SHIPPED, LINE_DELIVERED, LINE_CANCELLED = (
    "Confirmed",
    "Shipped",
    "Delivered",
    "Cancelled",
)


def _notify(*, to: str, subject: str, body: str) -> None:
    if to:
        # A subject is one plain-text header line: a newline in a product's
        # title would make send_mail refuse the whole message.
        send_mail(" ".join(subject.split()), body, None, [to])


def _cooperative_recipients(cooperative: Cooperative) -> list[str]:
    emails = [cooperative.email] if cooperative.email else []
    emails += [u.email for u in cooperative.partner.users.all() if u.email]
    return sorted(set(emails))


@transaction.atomic
def cooperative_register(
    *, cooperative_data: dict, email: str, password: str, full_name: str
) -> Cooperative:
    """Create a pending cooperative, its Oscar partner and its first staff user."""
    cooperative = Cooperative(**cooperative_data)
    partner = Partner.objects.create(name=cooperative.name, code=cooperative.slug)
    cooperative.partner = partner
    cooperative.status = ApprovalStatus.PENDING
    cooperative.save()
    user = User.objects.create_user(
        username=email.split("@")[0][:120] + f"-{partner.pk}",
        email=email,
        password=password,
        first_name=full_name,
    )
    user.groups.add(Group.objects.get(name=roles.COOPERATIVE_STAFF))
    partner.users.add(user)
    return cooperative


def cooperative_review(
    *, cooperative: Cooperative, approve: bool, reason: str = ""
) -> Cooperative:
    """Approve or reject a registration, and tell the applicant either way."""
    cooperative.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    cooperative.rejection_reason = "" if approve else reason
    cooperative.save(update_fields=["status", "rejection_reason", "date_updated"])
    if approve:
        subject = _("Your cooperative is approved")
        body = _("%(name)s is now public on HTX Connect.") % {"name": cooperative.name}
    else:
        subject = _("Your cooperative registration was not approved")
        body = _("%(name)s was not approved. Reason: %(reason)s") % {
            "name": cooperative.name,
            "reason": reason,
        }
    for to in _cooperative_recipients(cooperative):
        _notify(to=to, subject=subject, body=body)
    return cooperative


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    return value


@transaction.atomic
def listing_save(
    *,
    cooperative: Cooperative,
    product: "Product | None",
    product_data: dict,
    listing_data: dict,
    price: int,
    stock: int,
    certificate_data: dict | None,
    images: list = (),
    category: "Category | None" = None,
) -> "Product":
    """Create or change a cooperative's product, sending it to moderation.

    Unit, origin, shelf life, stock, category and images apply at once. On a
    public listing, a change of name, description, price or OCOP data is kept
    in ``pending_changes`` until a moderator approves it.
    """
    if product is None:
        product = Product.objects.create(
            product_class=_product_class(),
            is_public=False,
            **product_data,
        )
        listing = ProductListing.objects.create(
            product=product, cooperative=cooperative, **listing_data
        )
        StockRecord.objects.create(
            product=product,
            partner=cooperative.partner,
            partner_sku=f"{cooperative.slug[:40]}-{product.pk}",
            price=Decimal(price),
            num_in_stock=stock,
        )
        if certificate_data:
            OcopCertificate.objects.create(product=product, **certificate_data)
        listing.status = ApprovalStatus.PENDING
    else:
        listing = product.listing
        for key, value in listing_data.items():
            setattr(listing, key, value)
        record = product.stockrecords.get(partner=cooperative.partner)
        record.num_in_stock = stock
        changes = _moderated_changes(
            product=product,
            record=record,
            product_data=product_data,
            price=price,
            certificate_data=certificate_data,
        )
        if listing.status == ApprovalStatus.APPROVED and product.is_public:
            listing.pending_changes = changes
        else:
            _apply_changes(product=product, record=record, changes=changes)
            listing.pending_changes = {}
            listing.status = ApprovalStatus.PENDING
        record.save()
    if category is not None:
        product_category_set(product=product, category=category)
    for display_order, image in enumerate(images, start=product.images.count()):
        ProductImage.objects.create(
            product=product, original=image, display_order=display_order
        )
    listing.submitted_at = timezone.now()
    listing.save()
    return product


def product_category_set(*, product: "Product", category: "Category") -> None:
    """Make ``category`` the product's one category.

    Row by row, not ``categories.set()``: the search index follows the
    ProductCategory saves and deletes, which a bulk write would not signal.
    """
    for link in ProductCategory.objects.filter(product=product).exclude(
        category=category
    ):
        link.delete()
    ProductCategory.objects.get_or_create(product=product, category=category)


def _product_class():
    product_class, _created = ProductClass.objects.get_or_create(
        slug="san-pham-ocop",
        defaults={"name": "Sản phẩm OCOP", "track_stock": True},
    )
    return product_class


def _current_certificate(product) -> dict | None:
    certificate = OcopCertificate.objects.filter(product=product).first()
    if certificate is None:
        return None
    return {f: _json_value(getattr(certificate, f)) for f in CERTIFICATE_FIELDS}


def _moderated_changes(*, product, record, product_data, price, certificate_data):
    changes = {}
    for field in MODERATED_PRODUCT_FIELDS:
        if field in product_data and product_data[field] != getattr(product, field):
            changes[field] = product_data[field]
    if record.price is None or int(record.price) != int(price):
        changes["price"] = int(price)
    new_certificate = (
        {f: _json_value(certificate_data.get(f)) for f in CERTIFICATE_FIELDS}
        if certificate_data
        else None
    )
    current = _current_certificate(product)
    if new_certificate != current:
        if new_certificate and not new_certificate.get("expires_on"):
            issued = datetime.date.fromisoformat(new_certificate["issued_on"])
            new_certificate["expires_on"] = OcopCertificate.default_expiry(
                issued
            ).isoformat()
        if new_certificate != current:
            changes["certificate"] = new_certificate
    return changes


def _apply_changes(*, product, record, changes: dict) -> None:
    for field in MODERATED_PRODUCT_FIELDS:
        if field in changes:
            setattr(product, field, changes[field])
    product.save()
    if "price" in changes:
        record.price = Decimal(changes["price"])
        record.save(update_fields=["price"])
    if "certificate" in changes:
        data = changes["certificate"]
        if data is None:
            OcopCertificate.objects.filter(product=product).delete()
        else:
            data = {
                **data,
                "issued_on": datetime.date.fromisoformat(data["issued_on"]),
                "expires_on": datetime.date.fromisoformat(data["expires_on"])
                if data.get("expires_on")
                else None,
            }
            certificate = OcopCertificate.objects.filter(product=product).first()
            if certificate is None:
                certificate = OcopCertificate(product=product)
            for key, value in data.items():
                setattr(certificate, key, value)
            certificate.level = OcopCertificate.level_for_stars(certificate.stars)
            certificate.expiry_warning_sent_at = None
            certificate.save()


@transaction.atomic
def listing_review(
    *, listing: ProductListing, approve: bool, reviewer, reason: str = ""
) -> ProductListing:
    """Approve (publish) or reject a listing or its change; tell the cooperative."""
    product = listing.product
    if approve:
        record = product.stockrecords.get(partner=listing.cooperative.partner)
        _apply_changes(product=product, record=record, changes=listing.pending_changes)
        product.is_public = True
        product.save(update_fields=["is_public"])
        listing.status = ApprovalStatus.APPROVED
        listing.rejection_reason = ""
        subject = _("Your product is approved: %(title)s")
        body = _("%(title)s is now public as you last submitted it.")
    else:
        if not (listing.status == ApprovalStatus.APPROVED and product.is_public):
            listing.status = ApprovalStatus.REJECTED
        listing.rejection_reason = reason
        subject = _("Your product was not approved: %(title)s")
        body = _("The change to %(title)s was not approved. Reason: %(reason)s")
    listing.pending_changes = {}
    listing.reviewed_at = timezone.now()
    listing.reviewed_by = reviewer
    listing.save()
    context = {"title": product.title, "reason": reason}
    for to in _cooperative_recipients(listing.cooperative):
        _notify(to=to, subject=subject % context, body=body % context)
    return listing


@transaction.atomic
def line_status_set(*, line: "Line", status: str, reason: str = "") -> "Line":
    """Move an order line along Oscar's line pipeline, recording a cancel reason."""
    line.set_status(status)
    if status == LINE_CANCELLED:
        line.order.notes.create(
            note_type="Cancellation",
            message=_("Line %(line)s cancelled: %(reason)s")
            % {"line": line.pk, "reason": reason},
        )
    if status == LINE_DELIVERED:
        # Cash on delivery: the courier collected the line's price.
        cash_on_delivery_line_paid(line=line)
    shipment_line_status_changed(line=line, status=status)
    return line


def ocop_expiry_warnings_send(*, today: datetime.date | None = None) -> int:
    """Warn each cooperative, once, of certificates expiring within 60 days.

    Return how many certificates were warned about.
    """
    today = today or timezone.localdate()
    due = (
        OcopCertificate.objects.filter(
            ocop_in_force(on=today),
            expiry_warning_sent_at__isnull=True,
            expires_on__lte=today + datetime.timedelta(days=60),
            product__listing__isnull=False,
        )
        .select_related("product__listing__cooperative__partner")
        .order_by("expires_on")
    )
    sent = 0
    for certificate in due:
        cooperative = certificate.product.listing.cooperative
        context = {
            "title": certificate.product.title,
            "number": certificate.number,
            "date": certificate.expires_on.strftime("%d/%m/%Y"),
        }
        for to in _cooperative_recipients(cooperative):
            _notify(
                to=to,
                subject=_("OCOP certificate expiring: %(title)s") % context,
                body=_(
                    "The OCOP certificate %(number)s of %(title)s expires on "
                    "%(date)s. Renew it to keep the OCOP badge."
                )
                % context,
            )
        certificate.expiry_warning_sent_at = timezone.now()
        certificate.save(update_fields=["expiry_warning_sent_at"])
        sent += 1
    return sent
