"""Trade-connection matchmaking: who takes part in a conference, what they
offer and seek, and the one-to-one meetings between them.

A conference of the register (``agreements.Conference``) opens matchmaking
with an ``Event``: the registration window, the meeting days, the slot
length and the tables. Cooperatives and businesses register a
``Participant`` profile (approved by staff), with the people who attend
(``Attendee``, each with a badge). Cooperatives publish ``Offer``s of their
catalogue's products, businesses ``Want``s. A participant asks another for
a ``Meeting``; once accepted, the scheduler gives it a table and a slot.
Each scheduled meeting holds one ``Seat`` per side, so that the database
itself refuses a participant (``seat_participant_once_per_slot``) or a
table (``meeting_table_once_per_slot``) booked twice. Slots are aligned on
a grid (a meeting day's start plus whole slots), so two meetings overlap
exactly when they start at the same moment.

"MOU to sign" on both sides opens a draft agreement in the register
(``Meeting.agreement``), which staff complete and mark signed.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.approval import ApprovalStatus
from marketplace.core.money import WholeDongField
from marketplace.core.vn_units import province_name

#: The slot lengths staff may choose, in minutes.
MIN_SLOT_MINUTES = 10
MAX_SLOT_MINUTES = 60
#: The largest monthly volume an offer or a want holds.
MAX_VOLUME = 10**9


def badge_token() -> str:
    """A random, unguessable badge code (printed as a QR code)."""
    return secrets.token_urlsafe(12)


class Event(models.Model):
    """A conference's matchmaking: when participants may register and ask for
    meetings, and how the meeting days are laid out."""

    conference = models.OneToOneField(
        "agreements.Conference",
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="matchmaking",
    )
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=20,
        validators=[
            MinValueValidator(MIN_SLOT_MINUTES),
            MaxValueValidator(MAX_SLOT_MINUTES),
        ],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-registration_opens"]
        verbose_name = _("matchmaking")
        verbose_name_plural = _("matchmaking")
        permissions = [
            ("run_matchmaking", _("Can run conference matchmaking")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens")),
                name="event_registration_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=MIN_SLOT_MINUTES)
                & Q(slot_minutes__lte=MAX_SLOT_MINUTES),
                name="event_slot_minutes_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.conference)


class MeetingDay(models.Model):
    """A day of one-to-one meetings and its hours (local time)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="meeting_day_once"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_day_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Table(models.Model):
    """A meeting table in the hall."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="table_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


#: Staff approve each participant's profile.
ParticipantStatus = ApprovalStatus


class Participant(models.Model):
    """A cooperative or a business taking part in a conference's matchmaking."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Cooperative")
        BUSINESS = "business", _("Business")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_participations",
    )
    business = models.ForeignKey(
        "agreements.Business",
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conference_participations",
    )
    #: The name shown to other participants (the cooperative's or business's).
    name = models.CharField(_("name"), max_length=255)
    summary = models.TextField(_("what we offer or seek"), max_length=2000, blank=True)
    categories = models.ManyToManyField(
        "catalogue.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
    )
    #: A province code of ``marketplace.core.vn_units``.
    province_code = models.PositiveIntegerField(_("province"), null=True, blank=True)
    #: Contact details, shown to another participant only once a meeting
    #: between them is accepted.
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("approval"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(business__isnull=True))
                | (Q(partner__isnull=True) & Q(business__isnull=False)),
                name="participant_is_cooperative_xor_business",
            ),
            models.UniqueConstraint(
                fields=["event", "partner"], name="participant_cooperative_once"
            ),
            models.UniqueConstraint(
                fields=["event", "business"], name="participant_business_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        return self.Kind.COOPERATIVE if self.partner_id else self.Kind.BUSINESS

    @property
    def is_cooperative(self) -> bool:
        return self.partner_id is not None

    @property
    def is_approved(self) -> bool:
        return self.status == ParticipantStatus.APPROVED

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)


class Attendee(models.Model):
    """A person who comes to the conference for a participant; their badge's
    QR code holds ``badge_code``, which staff scan to check them in."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendees"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    badge_code = models.CharField(
        max_length=32, unique=True, default=badge_token, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["participant", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self) -> str:
        return self.full_name


class Offer(models.Model):
    """What a cooperative offers at the conference: one of its catalogue's
    products, how much a month, in which months, at what price."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="offers"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    monthly_volume = models.DecimalField(
        _("volume per month"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_VOLUME)],
    )
    unit = models.CharField(_("unit"), max_length=30)
    #: The season, as months 1-12; a season may run over the new year
    #: (from 11 to 2). Both empty: all year round.
    season_from = models.PositiveSmallIntegerField(
        _("season from (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    season_until = models.PositiveSmallIntegerField(
        _("season until (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    price_min = WholeDongField(_("price from (₫)"), null=True, blank=True)
    price_max = WholeDongField(_("price up to (₫)"), null=True, blank=True)
    #: Read from the product's OCOP certificate in force when saved.
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), null=True, blank=True, editable=False
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_max__gte=F("price_min")),
                name="offer_price_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(season_from__isnull=True) & Q(season_until__isnull=True))
                | (
                    Q(season_from__gte=1)
                    & Q(season_from__lte=12)
                    & Q(season_until__gte=1)
                    & Q(season_until__lte=12)
                ),
                name="offer_season_months",
            ),
        ]

    def __str__(self) -> str:
        return str(self.product)


class Want(models.Model):
    """What a business seeks at the conference (a "request"): a product or a
    category, how much a month, when it is to be delivered, and where to."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="wants"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: What is sought, in the business's words ("Mật ong rừng", "Gạo nếp").
    goods = models.CharField(_("goods"), max_length=255)
    monthly_volume = models.DecimalField(
        _("volume per month"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_VOLUME)],
    )
    unit = models.CharField(_("unit"), max_length=30)
    deliver_from = models.DateField(_("delivery from"), null=True, blank=True)
    deliver_until = models.DateField(_("delivery until"), null=True, blank=True)
    #: A province code of ``marketplace.core.vn_units``.
    destination_province_code = models.PositiveIntegerField(
        _("destination province"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(deliver_from__isnull=True)
                | Q(deliver_until__isnull=True)
                | Q(deliver_until__gte=F("deliver_from")),
                name="want_delivery_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.goods

    @property
    def destination_province_name(self) -> str:
        return province_name(self.destination_province_code)


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not yet known")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class Outcome(models.TextChoices):
    NONE = "", _("Not recorded")
    NO_INTEREST = "no_interest", _("No interest")
    FOLLOW_UP = "follow_up", _("Follow up")
    MOU = "mou", _("MOU to sign")


#: The statuses that hold a pair of participants: a second request between
#: them is refused while one of these stands.
OPEN_STATUSES = (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED)


class Meeting(models.Model):
    """A one-to-one meeting one participant asked another for."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meetings_asked"
    )
    invitee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meetings_invited"
    )
    #: "<smaller participant id>-<larger>": the pair, whichever side asked.
    pair = models.CharField(max_length=40, editable=False)
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    want = models.ForeignKey(
        Want,
        verbose_name=_("request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.REQUESTED,
        db_index=True,
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    #: The slot (local time, aligned on the event's grid) and the table;
    #: both empty until the meeting is scheduled.
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    table = models.ForeignKey(
        Table,
        verbose_name=_("table"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
        blank=True,
    )
    requester_outcome = models.CharField(
        _("outcome (requester)"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.NONE,
        blank=True,
    )
    invitee_outcome = models.CharField(
        _("outcome (invitee)"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.NONE,
        blank=True,
    )
    #: The draft agreement opened when both sides chose "MOU to sign".
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("invitee")), name="meeting_not_with_oneself"
            ),
            models.UniqueConstraint(
                fields=["event", "pair"],
                condition=Q(status__in=["requested", "accepted"]),
                name="meeting_pair_once",
            ),
            models.UniqueConstraint(
                fields=["table", "starts_at"],
                condition=Q(table__isnull=False),
                name="meeting_table_once_per_slot",
            ),
            models.CheckConstraint(
                condition=(Q(starts_at__isnull=True) & Q(table__isnull=True))
                | (
                    Q(starts_at__isnull=False)
                    & Q(table__isnull=False)
                    & Q(status="accepted")
                ),
                name="meeting_slot_and_table_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} – {self.invitee}"

    def save(self, *args, **kwargs):
        low, high = sorted((self.requester_id, self.invitee_id))
        self.pair = f"{low}-{high}"
        super().save(*args, **kwargs)

    def side_of(self, participant_id: int) -> str | None:
        """Return "requester", "invitee" or None."""
        if participant_id == self.requester_id:
            return "requester"
        if participant_id == self.invitee_id:
            return "invitee"
        return None

    def other_side(self, participant_id: int) -> Participant:
        return self.invitee if participant_id == self.requester_id else self.requester


class Seat(models.Model):
    """One side's place in a scheduled meeting: a participant is in at most
    one meeting per slot, which the database holds."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="seats"
    )
    starts_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "starts_at"],
                name="seat_participant_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="seat_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.starts_at:%Y-%m-%d %H:%M}"


class ScheduleRun(models.Model):
    """One run of the scheduler over a conference's pending meetings; the
    staff's page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="schedule_runs"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    unplaced = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"
