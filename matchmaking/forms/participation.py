"""Forms of the participation pages: a conference's matchmaking settings,
a participant's profile with its attendees, and staff's approval."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from catalog.cooperatives.selectors import category_choices
from marketplace.core.vn_units import province_choices

from ..models import Attendee, Event, Participant, ParticipantStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventSettingsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["registration_opens", "registration_closes", "slot_minutes"]
        widgets = {"registration_opens": DATE, "registration_closes": DATE}


def province_field(label, *, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "—")] + province_choices(),
        coerce=int,
        empty_value=None,
        required=required,
    )


class ParticipantForm(forms.Form):
    """A participant's profile (the organisation's name comes from it)."""

    summary = forms.CharField(
        label=_("What we offer or seek"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    categories = forms.TypedMultipleChoiceField(
        label=_("Categories"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    province_code = province_field(_("Province"), required=True)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_phone = forms.CharField(label=_("Phone"), max_length=30)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()

    @classmethod
    def initial_of(cls, participant: Participant) -> dict:
        return {
            "summary": participant.summary,
            "categories": [c.pk for c in participant.categories.all()],
            "province_code": participant.province_code,
            "contact_name": participant.contact_name,
            "contact_phone": participant.contact_phone,
            "contact_email": participant.contact_email,
        }


AttendeeFormSet = inlineformset_factory(
    Participant,
    Attendee,
    fields=["full_name", "position", "phone", "email"],
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=True,
)


def attendee_rows(formset) -> list[dict]:
    """Return the formset's rows as the services take them."""
    return [
        {**form.cleaned_data, "DELETE": form.cleaned_data.get("DELETE", False)}
        for form in formset.forms
        if form.cleaned_data
    ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ParticipantStatus.APPROVED, _("Approve")),
            (ParticipantStatus.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Approval"),
        choices=[("", _("All"))] + list(ParticipantStatus.choices),
        required=False,
    )
