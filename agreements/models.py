"""The agreements register: conferences, the agreements signed there, what each
agreement commits the parties to, and what was actually delivered.

Fulfilment and status are never stored: ``selectors`` computes them from
commitments, schedule milestones and verified delivery reports. The one
state set by hand is ``Agreement.cancelled`` (with a reason). Each
commitment keeps a cache of its verified deliveries (``verified_quantity``,
``verified_value``, ``verified_until``) so that the selectors need not sum
every report on each request; only ``services.commitment_deliveries_refresh``
writes it, whenever a report is saved or deleted (``signals.py``) or written
in bulk (through the services).
"""

import decimal
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from marketplace.core.approval import ApprovalStatus
from marketplace.core.vn_units import province_name
from marketplace.uploads.fields import UploadFileField
from marketplace.uploads.storage import RandomName, private_storage

from .validators import period_check, period_problem

#: The checks before marketplace.uploads; kept because migration 0001 names
#: them. Uploads now go through the "document" upload policy.
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
MAX_DOCUMENT_SIZE = 20 * 1024 * 1024


def validate_document(upload) -> None:
    """Refuse files that are too large or that are not a PDF or an image."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)d MB."),
            params={"size": MAX_DOCUMENT_SIZE // (1024 * 1024)},
            code="too_large",
        )
    head = upload.read(8)
    upload.seek(0)
    signatures = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG", b"RIFF")
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("Upload a PDF or an image (JPEG, PNG, WebP)."), code="bad_type"
        )


#: The largest quantity a line or report holds: what DecimalField(max_digits=14,
#: decimal_places=2) can store and read back.
MAX_QUANTITY = Decimal("999999999999.99")
#: The largest value in dong a line or report holds (10,000 billion): far
#: inside a bigint, so that the register's sums still fit one (SQLite's SUM
#: fails past 2^63; a 50,000-row import at this ceiling sums to 5 x 10^17).
MAX_VND = 10**13


class ReadableDecimalField(models.DecimalField):
    """A DecimalField that reads back a stored number with more digits than
    ``max_digits`` instead of failing.

    SQLite stores whatever it is given; a row written past the field's bounds
    (before the validators existed, or by a raw update) would otherwise make
    every page that loads it answer 500. Show it, don't crash: the value is
    read as it is and the validators refuse it on the next edit.
    """

    @property
    def context(self) -> decimal.Context:
        # Django's SQLite backend quantizes each stored decimal in this
        # context; a wide precision lets an oversized value through unchanged.
        return decimal.Context(prec=max(self.max_digits or 0, 60))

    def to_python(self, value):
        if isinstance(value, float):
            # A float is rounded to the field's own digits, as Django does.
            value = decimal.Context(prec=self.max_digits).create_decimal_from_float(
                value
            )
        return super().to_python(value)


class Conference(models.Model):
    """A trade-connection conference where agreements are signed."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:dashboard-conference", args=[self.slug])

    def clean(self) -> None:
        period_check(self.start_date, self.end_date, field="end_date")


#: A business's standing: those the register's staff add are approved at
#: once; those that register themselves wait for a moderator.
BusinessStatus = ApprovalStatus


class BusinessQuerySet(models.QuerySet):
    def approved(self) -> "BusinessQuerySet":
        return self.filter(status=BusinessStatus.APPROVED)

    def for_user(self, user) -> "BusinessQuerySet":
        """Return the businesses ``user`` works for (any status)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(users=user)


class Business(models.Model):
    """A counterparty of cooperatives: a buyer, distributor, processor...

    A business's staff are its ``users`` (the Business staff role); they see
    the business's own agreements and take part in conferences for it.
    """

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Supermarket")
        DISTRIBUTOR = "distributor", _("Distributor")
        PROCESSOR = "processor", _("Processor")
        EXPORTER = "exporter", _("Exporter")
        RESTAURANT = "restaurant", _("Restaurant chain")
        RETAILER = "retailer", _("Retailer")
        SUPPLIER = "supplier", _("Input supplier")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    #: The enterprise code (mã số doanh nghiệp / mã số thuế).
    tax_code = models.CharField(_("tax code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: A province code of ``marketplace.core.vn_units``.
    province_code = models.PositiveIntegerField(_("province"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="businesses",
    )
    status = models.CharField(
        _("approval"),
        max_length=10,
        choices=BusinessStatus.choices,
        default=BusinessStatus.APPROVED,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(null=True, blank=True, auto_now_add=True)

    history = HistoricalRecords()

    objects = BusinessQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        permissions = [
            ("manage_own_business", _("Can act for its own business")),
            ("moderate_business", _("Can approve businesses")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)


class Agreement(models.Model):
    """A signed agreement (biên bản thỏa thuận) between cooperatives and businesses."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("Purchase and consumption")
        INPUTS = "inputs", _("Supply of inputs")
        LINKAGE = "linkage", _("Production linkage")
        DISTRIBUTION = "distribution", _("Distribution")

    number = models.CharField(_("number"), max_length=50, unique=True)
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
    )
    signed_on = models.DateField(_("signing date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    #: Private: served only by ``views.agreement_document`` to its viewers.
    document = UploadFileField(
        _("signed document"),
        policy="document",
        storage=private_storage,
        upload_to=RandomName("agreements/documents"),
        max_length=255,
        blank=True,
        help_text=_("PDF, image or Office document of the signed agreement."),
    )
    staff_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_in_charge",
    )
    notes = models.TextField(_("notes"), blank=True)
    #: A draft (opened from a conference meeting whose sides want an MOU)
    #: is not yet signed: staff complete it and mark it signed
    #: (``services.agreement_sign``); ``signed_on`` is then the planned date.
    is_draft = models.BooleanField(_("draft"), default=False, db_index=True)
    #: The only status set by hand; every other status is derived.
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="agreement_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(cancelled=False) | ~Q(cancel_reason=""),
                name="agreement_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    def clean(self) -> None:
        period_check(self.valid_from, self.valid_until, field="valid_until")


class AgreementParty(models.Model):
    """One side of an agreement: a cooperative (Oscar partner) or a business."""

    class Role(models.TextChoices):
        SUPPLIER = "supplier", _("Supplier")
        BUYER = "buyer", _("Buyer")
        PARTNER = "partner", _("Linkage partner")
        DISTRIBUTOR = "distributor", _("Distributor")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    business = models.ForeignKey(
        Business,
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(business__isnull=True))
                | (Q(partner__isnull=True) & Q(business__isnull=False)),
                name="party_is_cooperative_xor_business",
            ),
            models.UniqueConstraint(
                fields=["agreement", "partner"], name="party_unique_partner"
            ),
            models.UniqueConstraint(
                fields=["agreement", "business"], name="party_unique_business"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The cooperative's registered name (its partner's name until it has
        a cooperative profile), or the business's name."""
        if self.partner_id:
            cooperative = getattr(self.partner, "cooperative", None)
            return cooperative.name if cooperative else self.partner.name
        return self.business.name if self.business_id else ""

    @property
    def is_cooperative(self) -> bool:
        return self.partner_id is not None


class Commitment(models.Model):
    """An agreement line: goods, unit, quantity, value and period."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="commitments"
    )
    #: The cooperative that delivers (or receives) this line; a party.
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="agreement_commitments",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_commitments",
    )
    goods = models.CharField(
        _("goods"),
        max_length=255,
        blank=True,
        help_text=_("Free text when the goods are not a catalogue product."),
    )
    unit = models.CharField(_("unit"), max_length=30)
    quantity = ReadableDecimalField(
        _("committed quantity"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(MAX_QUANTITY)],
    )
    #: Whole dong.
    value = models.PositiveBigIntegerField(
        _("committed value (VND)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VND)],
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    #: Caches of the verified reports on this line, all dates (computed,
    #: never typed: not editable, not in the history; written only by
    #: ``services.commitment_deliveries_refresh``).
    verified_quantity = ReadableDecimalField(
        max_digits=16, decimal_places=2, default=Decimal(0), editable=False
    )
    verified_value = models.PositiveBigIntegerField(default=0, editable=False)
    #: Date of the latest verified report (None without one): as of an
    #: earlier date, the selectors sum the reports instead of the cache.
    verified_until = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["verified_quantity", "verified_value", "verified_until"]
    )

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="commitment_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(value__gt=0), name="commitment_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="commitment_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False) | ~Q(goods=""),
                name="commitment_has_goods",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.goods or (self.product.title if self.product_id else "")

    def clean(self) -> None:
        errors = {}
        if message := period_problem(
            self.period_start, self.period_end, field="period_end"
        ):
            errors["period_end"] = _(message)
        if not self.product_id and not self.goods:
            errors["goods"] = _("Choose a product or describe the goods.")
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """A point of an agreement's delivery schedule.

    ``share`` is the cumulative percentage of every commitment that should
    be delivered by ``due_on``. An agreement without milestones is expected
    to deliver pro rata over each commitment's period.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="milestones"
    )
    due_on = models.DateField(_("due date"))
    share = models.DecimalField(
        _("cumulative share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(100)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "due_on"]
        verbose_name = _("schedule milestone")
        verbose_name_plural = _("schedule milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100),
                name="milestone_share_in_range",
            ),
            models.UniqueConstraint(
                fields=["agreement", "due_on"], name="milestone_unique_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.share} %"


class DeliveryReportQuerySet(models.QuerySet):
    """Reports. A bulk write sends no signal: write reports in bulk through
    ``services.delivery_reports_bulk_create`` and friends, which refresh the
    cache of the lines they touch (``signals.py`` covers single saves)."""

    def verified(self):
        return self.filter(verified_at__isnull=False)

    def pending(self):
        return self.filter(verified_at__isnull=True)


class DeliveryReport(models.Model):
    """What was delivered against a commitment.

    A report from a cooperative is pending until alliance staff verify it;
    a report staff record themselves is verified at once. Only verified
    reports count towards fulfilment.
    """

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="reports"
    )
    delivered_on = models.DateField(_("delivery date"))
    quantity = ReadableDecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(MAX_QUANTITY)],
    )
    unit = models.CharField(_("unit"), max_length=30)
    #: Whole dong.
    value = models.PositiveBigIntegerField(
        _("value (VND)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VND)],
    )
    #: Private: served only by ``views.delivery_evidence`` to its viewers.
    evidence = UploadFileField(
        _("evidence"),
        policy="document",
        storage=private_storage,
        upload_to=RandomName("agreements/evidence"),
        max_length=255,
        blank=True,
        help_text=_("Invoice, delivery note or photo (PDF, image or Office file)."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    #: Set when this report took its commitment past 100 %.
    over_commitment = models.BooleanField(_("over commitment"), default=False)

    objects = DeliveryReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-delivered_on", "-pk"]
        verbose_name = _("delivery report")
        verbose_name_plural = _("delivery reports")
        indexes = [
            models.Index(
                fields=["commitment", "delivered_on"],
                condition=Q(verified_at__isnull=False),
                name="report_verified_idx",
            ),
            # The dashboard's month series: an index-only scan.
            models.Index(
                fields=["delivered_on", "commitment", "value"],
                condition=Q(verified_at__isnull=False),
                name="report_verified_month_idx",
            ),
            # Pending counts per line, agreement and dashboard.
            models.Index(
                fields=["commitment"],
                condition=Q(verified_at__isnull=True),
                name="report_pending_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="report_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(value__gt=0), name="report_value_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.delivered_on}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class DeliveryMonth(models.Model):
    """Verified delivered value per conference and calendar month, of the
    agreements that are not cancelled (a cache for the dashboard's month
    chart, all dates; written only by ``services.delivery_months_refresh``).
    ``conference`` is None for the agreements signed outside a conference."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, null=True, related_name="+"
    )
    #: The first day of the month.
    month = models.DateField()
    #: Whole dong.
    value = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["conference", "month"]
        indexes = [
            models.Index(fields=["conference", "month"], name="delivery_month_idx")
        ]

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.month}: {self.value}"


class Difficulty(models.Model):
    """A difficulty (khó khăn, vướng mắc) raised while carrying out an agreement."""

    class Kind(models.TextChoices):
        PRICE = "price", _("Price")
        QUALITY = "quality", _("Quality or standards")
        LOGISTICS = "logistics", _("Transport and logistics")
        CAPITAL = "capital", _("Capital and payment")
        OUTPUT = "output", _("Output and harvest")
        PAPERWORK = "paperwork", _("Procedures and paperwork")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="difficulties"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    agency = models.CharField(
        _("agency responsible"),
        max_length=255,
        blank=True,
        help_text=_(
            "e.g. Department of Industry and Trade, commune People's Committee"
        ),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_difficulties",
    )
    resolution = models.TextField(_("resolution"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_on = models.DateField(_("raised on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    #: The day of the last reminder while overdue (``reminders.py``).
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    # The reminder's stamp is bookkeeping, not a change anyone made.
    history = HistoricalRecords(excluded_fields=["reminded_on"])

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = _("difficulty")
        verbose_name_plural = _("difficulties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | ~Q(resolution=""),
                name="difficulty_resolved_has_resolution",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class FollowUp(models.Model):
    """A check-in on an agreement: 1, 3 and 6 months after signing, and at
    each milestone. Closed with a short outcome."""

    class Kind(models.TextChoices):
        MONTH_1 = "month_1", _("1 month after signing")
        MONTH_3 = "month_3", _("3 months after signing")
        MONTH_6 = "month_6", _("6 months after signing")
        MILESTONE = "milestone", _("Schedule milestone")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("due date"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            # One check-in of each kind per agreement, one per milestone.
            models.UniqueConstraint(
                fields=["agreement", "kind"],
                condition=Q(milestone__isnull=True),
                name="follow_up_unique_kind",
            ),
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(milestone__isnull=False),
                name="follow_up_unique_milestone",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                name="follow_up_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.get_kind_display()} · {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ImportJob(models.Model):
    """One Excel import of a conference's agreements, checked then confirmed.

    The sheet is checked in the background (``tasks.import_job_check``);
    staff read the preview and confirm; only then are the rows written
    (``tasks.import_job_run``), all or nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        VALIDATING = "validating", _("Checking")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: Private: the sheet is read by the tasks only, never served.
    file = models.FileField(
        _("Excel file"),
        upload_to=RandomName("agreements/imports"),
        storage=private_storage,
        max_length=255,
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    #: [{"row", "column", "label", "message", "params"}]: the message is an
    #: English msgid translated where it is shown, in the reader's language.
    errors = models.JSONField(default=list, blank=True)
    #: What the confirm would record: counts and the first rows.
    preview = models.JSONField(default=dict, blank=True)
    agreements_created = models.PositiveIntegerField(default=0)
    commitments_created = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name or self.file.name} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:import-job", args=[self.pk])

    @property
    def percent(self) -> int:
        """Return how far the current step has gone, 0 to 100."""
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, 100 * self.rows_done // self.rows_total)

    @property
    def is_running(self) -> bool:
        return self.status in {
            self.Status.QUEUED,
            self.Status.VALIDATING,
            self.Status.IMPORTING,
        }
