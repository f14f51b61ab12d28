"""Forms of the meeting pages: a request, an answer, a move to another slot,
the staff's meeting days, slot length and tables, and the staff's filter of
every meeting."""

import datetime

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import (
    MAX_SLOT_MINUTES,
    MIN_SLOT_MINUTES,
    MeetingStatus,
    Offer,
    Participant,
    Want,
)
from ..selectors.meetings import local_zone


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and what you would like to talk about."),
    )
    offer = forms.ModelChoiceField(
        label=_("About an offer"), queryset=Offer.objects.none(), required=False
    )
    want = forms.ModelChoiceField(
        label=_("About a request"), queryset=Want.objects.none(), required=False
    )

    def __init__(self, *args, sides: list[Participant], **kwargs):
        super().__init__(*args, **kwargs)
        ids = [side.pk for side in sides]
        self.fields["offer"].queryset = Offer.objects.filter(
            participant__in=ids
        ).select_related("product", "participant")
        self.fields["want"].queryset = Want.objects.filter(
            participant__in=ids
        ).select_related("participant")
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.product.title} ({offer.participant.name})"
        )
        self.fields["want"].label_from_instance = lambda want: (
            f"{want.goods} ({want.participant.name})"
        )


class MeetingRespondForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(
        label=_("Reason (optional)"), max_length=500, required=False
    )


def slot_label(starts_at: datetime.datetime) -> str:
    local = starts_at.astimezone(local_zone())
    return f"{date_format(local.date(), 'l d/m/Y')} {local:%H:%M}"


def slot_value(starts_at: datetime.datetime) -> str:
    return starts_at.astimezone(local_zone()).strftime("%Y-%m-%dT%H:%M")


class MeetingMoveForm(forms.Form):
    """A slot picked among the free ones; the value is checked again by the
    service (a slot outside the meeting days is refused there)."""

    starts_at = forms.CharField(label=_("New time"), widget=forms.Select)

    def __init__(self, *args, slots: list[datetime.datetime], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].widget.choices = [("", "—")] + [
            (slot_value(slot), slot_label(slot)) for slot in slots
        ]

    def clean_starts_at(self) -> datetime.datetime:
        value = parse_datetime(self.cleaned_data["starts_at"].strip())
        if value is None:
            raise forms.ValidationError(_("Choose a time from the list."))
        if value.tzinfo is None:
            value = value.replace(tzinfo=local_zone())
        return value


class MeetingDayForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_at = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"})
    )


class SlotLengthForm(forms.Form):
    slot_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"),
        min_value=MIN_SLOT_MINUTES,
        max_value=MAX_SLOT_MINUTES,
    )


class TableForm(forms.Form):
    name = forms.CharField(label=_("Table name"), max_length=60)


class TablesAddForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of tables to add"), min_value=1, max_value=200
    )


class MeetingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + list(MeetingStatus.choices),
        required=False,
    )
