"""Forms of the conference day: a badge code typed by hand, the search of
arrivals, marking a day's no-shows, a meeting's attendance and a side's
outcome."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Attendance, MeetingDay, Outcome


class BadgeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class ArrivalSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=120, required=False)


class AttendanceMarkForm(forms.Form):
    day = forms.ModelChoiceField(
        label=_("Meeting day"), queryset=MeetingDay.objects.none()
    )

    def __init__(self, *args, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = MeetingDay.objects.filter(
            pk__in=[day.pk for day in days]
        )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[(Attendance.HELD, Attendance.HELD.label)]
        + [(Attendance.NO_SHOW, Attendance.NO_SHOW.label)],
        widget=forms.RadioSelect,
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the meeting go?"),
        choices=[choice for choice in Outcome.choices if choice[0]],
        widget=forms.RadioSelect,
    )
