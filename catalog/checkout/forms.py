"""Checkout forms: a Vietnamese delivery address, the payment method."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms

from catalog.address.forms import (
    VN_ADDRESS_FIELDS,
    VN_ADDRESS_LABELS,
    VietnameseAddressMixin,
)

from .payment_methods import DEFAULT_PAYMENT_METHOD, payment_methods


def payment_method_choices() -> list[tuple[str, str]]:
    """Return the (code, name) of each method a buyer may choose now."""
    return [(m.code, m.name) for m in payment_methods() if m.available]


def _payment_method_field() -> forms.ChoiceField:
    field = forms.ChoiceField(
        label=_("Payment method"),
        widget=forms.RadioSelect,
        choices=payment_method_choices(),
        initial=DEFAULT_PAYMENT_METHOD.code,
    )
    field.error_messages["required"] = _("Choose how you will pay.")
    return field


class ShippingAddressForm(VietnameseAddressMixin, oscar_forms.ShippingAddressForm):
    """Delivery and payment on one screen, the Vietnamese way.

    The address rules (province and commune from the official list, a
    Vietnamese phone number, required) live in ``catalog/address/forms.py``.
    A guest may leave an e-mail for the confirmation; the phone number is
    how the cooperatives reach them. The payment method is chosen here too,
    cash on delivery first.
    """

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "phone_number", "line1", "notes"]
        labels = VN_ADDRESS_LABELS

    def __init__(self, *args, guest: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if guest:
            self.fields["guest_email"] = forms.EmailField(
                label=_("E-mail (optional)"),
                required=False,
                help_text=_("For the order confirmation. You can leave it empty."),
                error_messages={
                    "invalid": _("Enter an e-mail address such as an@example.com.")
                },
            )
        self.fields["payment_method"] = _payment_method_field()
        self.fields["phone_number"].widget.attrs.update(
            {"autocomplete": "tel", "inputmode": "tel"}
        )
        self.fields["first_name"].widget.attrs["autocomplete"] = "name"
        self.fields["notes"].widget.attrs["rows"] = 2
        order = list(VN_ADDRESS_FIELDS)
        order.insert(order.index("phone_number") + 1, "guest_email")
        self.order_fields(order + ["payment_method"])


class PaymentMethodForm(forms.Form):
    """The payment method alone, for a buyer sent back to choose again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"] = _payment_method_field()
