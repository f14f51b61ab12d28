"""Forms of the market: a cooperative's offer, a business's request, and the
market's search and filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalog.cooperatives.selectors import category_choices

from ..models import Offer, Participant, Want
from ..selectors.participation import own_products, public_products
from ..services.offers import offer_check, want_check
from .participation import DATE, province_field

#: Months by number: the field's label says they are months.
MONTHS = [("", "—")] + [(m, str(m)) for m in range(1, 13)]


def month_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=MONTHS, coerce=int, empty_value=None, required=False
    )


class ServiceCheckedForm(forms.ModelForm):
    """A model form that runs its service's check (``check``) when cleaned,
    so that the rules across fields show beside their fields in words a
    person reads; a field with an error is then left out of the model's own
    constraint checks, whose messages name only the constraint."""

    check = None

    def __init__(self, *args, participant: Participant, **kwargs):
        self.participant = participant
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        try:
            type(self).check(participant=self.participant, data=data)
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: [error]}).items():
                if field is None or field not in self.fields:
                    self.add_error(None, errors)
                elif field not in self.errors:
                    self.add_error(field, errors)
        return data


class OfferForm(ServiceCheckedForm):
    check = staticmethod(offer_check)
    season_from = month_field(_("Season from (month)"))
    season_until = month_field(_("Season until (month)"))

    class Meta:
        model = Offer
        fields = [
            "product",
            "monthly_volume",
            "unit",
            "season_from",
            "season_until",
            "price_min",
            "price_max",
            "note",
        ]
        help_texts = {
            "season_from": _("Leave both months empty for all year round."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = own_products(partner=self.participant.partner)
        self.fields["product"].help_text = _(
            "OCOP stars are read from the product's certificate in force."
        )
        self.fields["monthly_volume"].widget.attrs.update(min="0", step="any")
        self.fields["season_until"].help_text = _(
            "A season may run over the new year (from month 11 to month 2)."
        )


class WantForm(ServiceCheckedForm):
    check = staticmethod(want_check)
    destination_province_code = province_field(_("Destination province"))
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = Want
        fields = [
            "goods",
            "product",
            "category",
            "monthly_volume",
            "unit",
            "deliver_from",
            "deliver_until",
            "destination_province_code",
            "note",
        ]
        widgets = {"deliver_from": DATE, "deliver_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = public_products()
        self.fields["product"].required = False
        self.fields["category"].choices = [("", "—")] + category_choices()
        self.fields["monthly_volume"].widget.attrs.update(min="0", step="any")
        if self.instance.pk and self.instance.category_id:
            self.initial["category"] = self.instance.category_id

    def clean_category(self):
        from oscar.core.loading import get_model

        pk = self.cleaned_data.get("category")
        if pk is None:
            return None
        return get_model("catalogue", "Category").objects.filter(pk=pk).first()


class MarketFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("", _("Offers and requests")),
            ("offer", _("Cooperatives' offers")),
            ("want", _("Businesses' requests")),
        ],
        required=False,
    )
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, empty_value=None, required=False
    )
    province = province_field(_("Province"))
    stars = forms.TypedChoiceField(
        label=_("OCOP stars"),
        choices=[
            ("", "—"),
            (3, _("3 stars or more")),
            (4, _("4 stars or more")),
            (5, _("5 stars")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—")] + category_choices()
