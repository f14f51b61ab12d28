"""Reminders of the agreements register: which follow-ups and difficulties
are due one, who receives it, and sending them (``manage.py
agreements_remind``, once a day).

- An open follow-up of an agreement that is not cancelled is due a reminder
  from ``DUE_SOON`` before its date; an open difficulty once its deadline
  has passed.
- An item is reminded at most once every ``REMIND_EVERY``: the day of its
  last reminder is kept on it (``reminded_on``), so a daily run does not
  e-mail the same overdue item every morning.
- Each reminder goes to the staff member in charge (the difficulty's
  assignee, else the agreement's staff in charge), or to the agreements
  staff when nobody is in charge, and to the agreement's parties: the users
  of its cooperatives and the e-mail of its businesses. A difficulty on an
  agreement shared by several cooperatives goes only to the cooperative
  whose user raised it (what ``selectors.access`` lets each see).
- One e-mail per address, in the site's language, with an absolute link to
  the item built from ``WAGTAILADMIN_BASE_URL`` (there is no request).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.core import roles

from .models import Agreement, Difficulty, FollowUp

#: A follow-up is reminded from this long before its date.
DUE_SOON = datetime.timedelta(days=3)
#: An item is reminded at most once in this long.
REMIND_EVERY = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Reminder:
    """One e-mail to send: to one address, about one item."""

    item: FollowUp | Difficulty
    to: str
    #: "staff" (the person in charge, or the agreements staff) or "party".
    audience: str
    url: str
    subject: str
    body: str

    @property
    def item_label(self) -> str:
        """Name the item for the command's report (English, for operators)."""
        if isinstance(self.item, FollowUp):
            return (
                f"follow-up {self.item.pk} ({self.item.kind}, due {self.item.due_on})"
            )
        return f"difficulty {self.item.pk} (deadline {self.item.deadline})"


@dataclass
class ReminderRun:
    """What ``reminders_send`` sent."""

    sent: list[Reminder] = field(default_factory=list)
    follow_ups: int = 0
    difficulties: int = 0


def _reminder_due(today: datetime.date) -> Q:
    return Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REMIND_EVERY)


def follow_ups_to_remind(*, today: datetime.date) -> QuerySet:
    """Return the open follow-ups due a reminder on ``today``."""
    return (
        FollowUp.objects.filter(
            _reminder_due(today),
            closed_on__isnull=True,
            agreement__cancelled=False,
            due_on__lte=today + DUE_SOON,
        )
        .select_related("agreement__staff_in_charge")
        .prefetch_related(
            "agreement__parties__partner__users", "agreement__parties__business"
        )
        .order_by("due_on", "pk")
    )


def difficulties_to_remind(*, today: datetime.date) -> QuerySet:
    """Return the open difficulties past their deadline due a reminder."""
    return (
        Difficulty.objects.filter(
            _reminder_due(today), deadline__lt=today, agreement__cancelled=False
        )
        .exclude(status=Difficulty.Status.RESOLVED)
        .select_related("assignee", "agreement__staff_in_charge")
        .prefetch_related(
            "agreement__parties__partner__users", "agreement__parties__business"
        )
        .order_by("deadline", "pk")
    )


def agreements_staff_emails() -> list[str]:
    """Return the agreements staff's addresses: the fallback when nobody is
    in charge of an item."""
    return sorted(
        set(
            roles.users_with_permission(perm=roles.AGREEMENTS_CHANGE)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _party_emails(
    *, agreement: Agreement, difficulty: Difficulty | None = None
) -> list[str]:
    """Return the addresses of the agreement's parties: its cooperatives'
    active users and its businesses' e-mail. For a ``difficulty`` on an
    agreement of several cooperatives, only the cooperative whose user
    raised it (none when staff raised it), as ``selectors.access`` shows."""
    parties = list(agreement.parties.all())
    cooperatives = [p.partner for p in parties if p.partner_id]
    if difficulty is not None and len(cooperatives) > 1:
        raiser = difficulty.raised_by_id
        cooperatives = [
            partner
            for partner in cooperatives
            if any(user.pk == raiser for user in partner.users.all())
        ]
    emails = [
        user.email
        for partner in cooperatives
        for user in partner.users.all()
        if user.is_active and user.email
    ]
    emails += [p.business.email for p in parties if p.business_id and p.business.email]
    return emails


def staff_to_notify(
    *, people: list, staff_emails: list[str] | None = None
) -> list[str]:
    """Return the address of the first of ``people`` (those in charge, in
    order) who can receive e-mail; else the agreements staff's
    (``staff_emails`` when the caller has read them already)."""
    for person in people:
        if person is not None and person.is_active and person.email:
            return [person.email]
    return agreements_staff_emails() if staff_emails is None else staff_emails


def _unique(emails: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for email in emails:
        seen.setdefault(email.strip().lower(), email.strip())
    return list(seen.values())


def absolute_url(path: str) -> str:
    """Return ``path`` on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def follow_up_reminders(
    *, follow_up: FollowUp, today: datetime.date, staff_emails: list[str]
) -> list[Reminder]:
    """Return the e-mails reminding of one follow-up."""
    agreement = follow_up.agreement
    staff = staff_to_notify(
        people=[agreement.staff_in_charge], staff_emails=staff_emails
    )
    overdue = follow_up.due_on < today
    subject = (
        _("Overdue follow-up: agreement %(number)s")
        if overdue
        else _("Follow-up due: agreement %(number)s")
    ) % {"number": agreement.number}
    url = absolute_url(agreement.get_absolute_url())
    body = render_to_string(
        "agreements/email/follow_up_reminder.txt",
        {
            "follow_up": follow_up,
            "agreement": agreement,
            "overdue": overdue,
            "days": (today - follow_up.due_on).days,
            "url": url,
        },
    )
    return _addressed(
        item=follow_up,
        staff=staff,
        party=_party_emails(agreement=agreement),
        subject=subject,
        body=body,
        url=url,
        staff_url=url,
    )


def difficulty_reminders(
    *, difficulty: Difficulty, today: datetime.date, staff_emails: list[str]
) -> list[Reminder]:
    """Return the e-mails reminding of one overdue difficulty: staff get the
    difficulty's own page, the parties the agreement's."""
    agreement = difficulty.agreement
    staff = staff_to_notify(
        people=[difficulty.assignee, agreement.staff_in_charge],
        staff_emails=staff_emails,
    )
    subject = _("Overdue difficulty: agreement %(number)s") % {
        "number": agreement.number
    }
    staff_url = absolute_url(
        reverse("agreements:difficulty-update", args=[difficulty.pk])
    )
    url = absolute_url(agreement.get_absolute_url())
    context = {
        "difficulty": difficulty,
        "agreement": agreement,
        "days": (today - difficulty.deadline).days,
    }
    return _addressed(
        item=difficulty,
        staff=staff,
        party=_party_emails(agreement=agreement, difficulty=difficulty),
        subject=subject,
        body=render_to_string(
            "agreements/email/difficulty_reminder.txt", {**context, "url": url}
        ),
        url=url,
        staff_url=staff_url,
        staff_body=render_to_string(
            "agreements/email/difficulty_reminder.txt", {**context, "url": staff_url}
        ),
    )


def _addressed(
    *,
    item,
    staff: list[str],
    party: list[str],
    subject: str,
    body: str,
    url: str,
    staff_url: str,
    staff_body: str | None = None,
) -> list[Reminder]:
    reminders = []
    staff = _unique(staff)
    taken = {email.lower() for email in staff}
    for email in staff:
        reminders.append(
            Reminder(item, email, "staff", staff_url, subject, staff_body or body)
        )
    for email in _unique(party):
        if email.lower() not in taken:
            reminders.append(Reminder(item, email, "party", url, subject, body))
    return reminders


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Return every e-mail the day's run would send (writes nothing)."""
    staff_emails = agreements_staff_emails()
    reminders: list[Reminder] = []
    with translation.override(settings.LANGUAGE_CODE):
        for follow_up in follow_ups_to_remind(today=today):
            reminders += follow_up_reminders(
                follow_up=follow_up, today=today, staff_emails=staff_emails
            )
        for difficulty in difficulties_to_remind(today=today):
            reminders += difficulty_reminders(
                difficulty=difficulty, today=today, staff_emails=staff_emails
            )
    return reminders


def reminders_send(*, today: datetime.date | None = None) -> ReminderRun:
    """E-mail the day's reminders and stamp each item reminded.

    Safe to run more than once a day: an item reminded less than
    ``REMIND_EVERY`` ago is left alone. An item is stamped only once its
    e-mails are sent (a failing mail server leaves it due).
    """
    today = today or timezone.localdate()
    reminders = reminders_due(today=today)
    messages = [
        EmailMessage(
            subject=" ".join(reminder.subject.split()),
            body=reminder.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[reminder.to],
        )
        for reminder in reminders
    ]
    if messages:
        get_connection(fail_silently=False).send_messages(messages)
    follow_ups = {r.item.pk for r in reminders if isinstance(r.item, FollowUp)}
    difficulties = {r.item.pk for r in reminders if isinstance(r.item, Difficulty)}
    FollowUp.objects.filter(pk__in=follow_ups).update(reminded_on=today)
    Difficulty.objects.filter(pk__in=difficulties).update(reminded_on=today)
    return ReminderRun(
        sent=reminders, follow_ups=len(follow_ups), difficulties=len(difficulties)
    )
