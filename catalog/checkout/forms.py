"""Checkout forms: a Vietnamese delivery address, the payment method."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms

from catalog.address.forms import VN_ADDRESS_LABELS, VietnameseAddressMixin

from .payment_methods import payment_methods


class ShippingAddressForm(VietnameseAddressMixin, oscar_forms.ShippingAddressForm):
    """A delivery address the Vietnamese way, as in the address book.

    The rules (province and commune from the official list, a Vietnamese
    phone number) live in ``catalog/address/forms.py``.
    """

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "phone_number", "line1", "notes"]
        labels = VN_ADDRESS_LABELS


class PaymentMethodForm(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("Payment method"), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"].choices = [
            (m.code, m.name) for m in payment_methods() if m.available
        ]
        self.fields["payment_method"].error_messages["required"] = _(
            "Choose how you will pay."
        )
