"""Cooperatives (HTX), their OCOP certificates and their product listings.

A cooperative is linked one-to-one to an Oscar ``Partner``: stock records,
prices and order lines belong to that partner, and the cooperative's staff
are the partner's users.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.core import vn_units
from marketplace.core.approval import ApprovalStatus
from marketplace.core.ocop import ocop_in_force, ocop_stars_in_force
from marketplace.uploads.fields import UploadFileField, UploadImageField
from marketplace.uploads.storage import RandomName, private_storage


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return ``day`` moved by ``months``, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class CooperativeQuerySet(models.QuerySet):
    def approved(self) -> "CooperativeQuerySet":
        """Return the cooperatives the alliance has approved (the public ones)."""
        return self.filter(status=ApprovalStatus.APPROVED)

    def for_user(self, user) -> "CooperativeQuerySet":
        """Return the cooperatives whose partner ``user`` belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(partner__users=user)


class Cooperative(models.Model):
    """A cooperative (HTX), cooperative group (THT) or union of cooperatives."""

    class Kind(models.TextChoices):
        HTX = "htx", _("Cooperative (HTX)")
        THT = "tht", _("Cooperative group (THT)")
        LHHTX = "lhhtx", _("Union of cooperatives (LHHTX)")

    class Classification(models.TextChoices):
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        AVERAGE = "average", _("Average")
        WEAK = "weak", _("Weak")

    class Sector(models.TextChoices):
        FARMING = "farming", _("Farming and fruit")
        FOOD = "food", _("Food processing")
        TEA = "tea", _("Tea and drinks")
        HERBAL = "herbal", _("Herbs, honey and essential oils")
        HANDICRAFT = "handicraft", _("Handicrafts")
        SERVICES = "services", _("Services and tourism")

    Status = ApprovalStatus

    #: The Oscar partner: its stock records, prices and order lines.
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="cooperative"
    )
    name = models.CharField(_("Legal name"), max_length=255)
    short_name = models.CharField(_("Short name"), max_length=100, blank=True)
    slug = models.SlugField(_("Slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("Type"), max_length=8, choices=Kind.choices, default=Kind.HTX
    )
    #: Business registration number or tax code.
    tax_code = models.CharField(_("Tax code"), max_length=20, blank=True)
    #: A province code from ``marketplace.core.vn_units`` (2025 units).
    province_code = models.PositiveIntegerField(_("Province"))
    #: A commune or ward code of that province.
    ward_code = models.PositiveIntegerField(_("Commune or ward"))
    street_address = models.CharField(_("Street address"), max_length=255, blank=True)
    #: The pre-2025 address (with district) that OCOP records still use.
    former_address = models.CharField(
        _("Former address"),
        max_length=255,
        blank=True,
        help_text=_("The address before July 2025, as OCOP records write it."),
    )
    representative = models.CharField(_("Representative"), max_length=120, blank=True)
    phone = models.CharField(_("Phone"), max_length=30, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("Founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    members = models.PositiveIntegerField(_("Members"), null=True, blank=True)
    sector = models.CharField(
        _("Sector"), max_length=16, choices=Sector.choices, default=Sector.FARMING
    )
    classification = models.CharField(
        _("Official classification"),
        max_length=8,
        choices=Classification.choices,
        blank=True,
    )
    is_alliance_member = models.BooleanField(_("Alliance member"), default=False)
    description = models.CharField(_("Short description"), max_length=300, blank=True)
    story = models.TextField(_("Our story"), blank=True)
    logo = UploadImageField(
        _("Logo"),
        policy="image",
        upload_to=RandomName("cooperatives/logos"),
        max_length=255,
        blank=True,
    )
    status = models.CharField(
        _("Approval"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("Reason for rejection"), blank=True)
    #: Whole dong charged once per order for this cooperative's lines.
    shipping_fee = models.PositiveIntegerField(
        _("Shipping fee per order (₫)"),
        default=0,
        help_text=_("Charged once per order for your products; 0 for free delivery."),
    )
    #: Whole dong; an order's lines of this cooperative worth at least this
    #: much ship free. Empty: never free.
    free_shipping_from = models.PositiveIntegerField(
        _("Free shipping from (₫)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Orders of your products worth at least this much ship free. "
            "Leave empty to always charge the fee."
        ),
    )
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Cooperative")
        verbose_name_plural = _("Cooperatives")
        permissions = [
            ("manage_own", _("Can manage its own cooperative's area")),
            ("moderate", _("Can approve cooperatives and product listings")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(free_shipping_from__isnull=True)
                | models.Q(free_shipping_from__gt=0),
                name="cooperative_free_shipping_from_positive",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperatives:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        try:
            vn_units.validate_address_units(
                province_code=self.province_code, ward_code=self.ward_code
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    {"province": "province_code", "ward": "ward_code"}[key]: value
                    for key, value in error.message_dict.items()
                }
            ) from error

    @property
    def is_public(self) -> bool:
        return self.status == ApprovalStatus.APPROVED

    @property
    def province_name(self) -> str:
        return vn_units.province_name(self.province_code)

    @property
    def ward_name(self) -> str:
        return vn_units.ward_name(self.ward_code)

    @property
    def address(self) -> str:
        """Return the full current address: street, commune, province."""
        parts = [self.street_address, self.ward_name, self.province_name]
        return ", ".join(part for part in parts if part)


class CooperativePhoto(models.Model):
    """A photo on the cooperative's storefront."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="photos"
    )
    image = UploadImageField(
        _("Photo"),
        policy="image",
        upload_to=RandomName("cooperatives/photos"),
        max_length=255,
    )
    caption = models.CharField(_("Caption"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("Cooperative photo")
        verbose_name_plural = _("Cooperative photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class OcopCertificateQuerySet(models.QuerySet):
    def valid(self, *, on: datetime.date | None = None) -> "OcopCertificateQuerySet":
        """Return the certificates still valid on ``on`` (today by default)."""
        return self.filter(ocop_in_force(on=on))


class OcopCertificate(models.Model):
    """The OCOP rating of one product, as the certificate or decision states it.

    Only valid while ``expires_on`` is today or later: after that the product
    loses its badge and no longer counts as OCOP, but stays listed.
    """

    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial (3–4 stars)")
        NATIONAL = "national", _("National (5 stars)")

    #: Years a certificate lasts unless it says otherwise.
    DEFAULT_VALIDITY_MONTHS = 36

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="ocop_certificate"
    )
    stars = models.PositiveSmallIntegerField(
        _("Stars"),
        validators=[MinValueValidator(3), MaxValueValidator(5)],
        help_text=_("3, 4 or 5."),
    )
    #: The certificate or decision number, e.g. "2865/QĐ-UBND".
    number = models.CharField(_("Certificate or decision number"), max_length=60)
    level = models.CharField(_("Level"), max_length=12, choices=Level.choices)
    issuing_body = models.CharField(_("Issuing body"), max_length=200)
    issued_on = models.DateField(_("Issue date"))
    expires_on = models.DateField(
        _("Expiry date"),
        blank=True,
        help_text=_("Leave empty for 36 months after the issue date."),
    )
    #: Private: served only by ``views.ocop_scan`` to its viewers.
    scan = UploadFileField(
        _("Scan of the certificate"),
        policy="scan",
        storage=private_storage,
        upload_to=RandomName("ocop/certificates"),
        max_length=255,
        blank=True,
    )
    #: When the cooperative was warned of the coming expiry (sent once).
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                name="ocop_certificate_number_unique",
                violation_error_message=_(
                    "Another product already has this certificate number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=3, stars__lte=5),
                name="ocop_certificate_stars_3_to_5",
                violation_error_message=_("OCOP stars are 3, 4 or 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("issued_on")),
                name="ocop_certificate_expires_after_issue",
                violation_error_message=_(
                    "The expiry date cannot be before the issue date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.stars}★)"

    def save(self, *args, **kwargs) -> None:
        if self.expires_on is None and self.issued_on is not None:
            self.expires_on = self.default_expiry(self.issued_on)
        if not self.level and self.stars:
            self.level = self.level_for_stars(self.stars)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.expires_on is None and self.issued_on is not None:
            self.expires_on = self.default_expiry(self.issued_on)
        if self.stars and not self.level:
            self.level = self.level_for_stars(self.stars)
        errors = {}
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            errors["expires_on"] = _("The expiry date cannot be before the issue date.")
        if self.stars in (3, 4, 5) and self.level != self.level_for_stars(self.stars):
            errors["level"] = _(
                "3 and 4 stars are provincial ratings; 5 stars is national."
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def default_expiry(issued_on: datetime.date) -> datetime.date:
        return add_months(issued_on, OcopCertificate.DEFAULT_VALIDITY_MONTHS)

    @staticmethod
    def level_for_stars(stars: int) -> str:
        return (
            OcopCertificate.Level.NATIONAL
            if stars >= 5
            else OcopCertificate.Level.PROVINCIAL
        )

    def is_valid(self, *, on: datetime.date | None = None) -> bool:
        """Return whether the certificate is in force on ``on`` (today)."""
        return ocop_stars_in_force(self.stars, self.expires_on, on=on) is not None

    @property
    def is_current(self) -> bool:
        return self.is_valid()


class ProductListing(models.Model):
    """Who sells a product, the facts a buyer reads, and its moderation state.

    A new listing is hidden until a moderator approves it. A change by the
    cooperative to a public listing's name, description, price or OCOP data
    waits in ``pending_changes`` while the last approved version stays public.
    """

    Status = ApprovalStatus

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="listing"
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="listings"
    )
    #: The unit the price is for: kg, hộp, chai…
    unit = models.CharField(_("Unit"), max_length=30, default="kg")
    origin = models.CharField(_("Origin"), max_length=200, blank=True)
    shelf_life = models.CharField(_("Shelf life"), max_length=100, blank=True)
    status = models.CharField(
        _("Moderation"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    #: Changes waiting for a moderator: field name -> new value (JSON-ready).
    pending_changes = models.JSONField(default=dict, blank=True)
    rejection_reason = models.TextField(_("Reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Product listing")
        verbose_name_plural = _("Product listings")

    def __str__(self) -> str:
        return str(self.product)

    @property
    def awaits_moderation(self) -> bool:
        return self.status == ApprovalStatus.PENDING or bool(self.pending_changes)
