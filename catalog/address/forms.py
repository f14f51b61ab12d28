"""Vietnamese addresses: one set of rules for the address book and checkout.

Recipient, phone, street address, then the province and the commune or ward
from the 2025 two-level units (``marketplace.core.vn_units``). The names are kept
on Oscar's address lines (ward in line2, province in line4) so every order
page and e-mail shows them; the codes are checked here. The checkout's
``ShippingAddressForm`` uses the same mixin.
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.address import forms as oscar_forms
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from marketplace.core import vn_units

Country = get_model("address", "Country")

#: The address fields a Vietnamese address form shows, in this order.
VN_ADDRESS_FIELDS = ["first_name", "phone_number", "province", "ward", "line1", "notes"]
VN_ADDRESS_LABELS = {
    "first_name": _("Recipient"),
    "line1": _("House number, street, hamlet"),
    "notes": _("Delivery instructions"),
}


def vn_phone_number(value: str) -> PhoneNumber:
    """Return a Vietnamese phone number, or raise ValidationError."""
    try:
        parsed = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678."), code="invalid"
        ) from error
    if not phonenumbers.is_valid_number_for_region(parsed, "VN"):
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678."), code="invalid"
        )
    return PhoneNumber.from_string(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    )


def ward_code_for(*, province_code: int | None, ward_name: str) -> int | None:
    """Return the code of the named ward of a province (for saved addresses)."""
    if not province_code:
        return None
    for code, name in vn_units.ward_choices(province_code=province_code):
        if name == ward_name:
            return code
    return None


def province_code_for(name: str) -> int | None:
    for code, province in vn_units.province_choices():
        if province == name:
            return code
    return None


class VietnameseAddressMixin(forms.Form):
    """Province and commune from the official list, a Vietnamese phone number.

    Goes before an Oscar address ModelForm (whose model has line1–line4,
    phone_number, notes and country) in the bases.
    """

    province = forms.TypedChoiceField(
        label=_("Province or city"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    ward = forms.TypedChoiceField(
        label=_("Commune or ward"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Choose a commune or ward of this province.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["line1"].required = True
        self.fields["phone_number"].required = True
        self.fields["phone_number"].label = _("Phone number")
        self.fields["phone_number"].help_text = _("e.g. 0912 345 678")
        self.fields["province"].choices = [("", "---------")] + list(
            vn_units.province_choices()
        )
        province = self._province_code()
        self.fields["ward"].choices = [("", "---------")] + (
            list(vn_units.ward_choices(province_code=province)) if province else []
        )
        self.fields["ward"].widget.attrs["data-ward-select"] = "1"
        self.fields["province"].widget.attrs["data-province-select"] = "1"
        self.order_fields(VN_ADDRESS_FIELDS)
        if not self.is_bound and self.instance and self.instance.line4:
            code = province_code_for(self.instance.line4)
            self.initial.setdefault("province", code)
            self.initial.setdefault(
                "ward", ward_code_for(province_code=code, ward_name=self.instance.line2)
            )

    def _province_code(self) -> int | None:
        raw = (
            self.data.get(self.add_prefix("province"))
            if self.is_bound
            else self.initial.get("province")
        )
        if raw in (None, "") and not self.is_bound and self.instance.line4:
            return province_code_for(self.instance.line4)
        try:
            return int(raw)
        except (TypeError, ValueError):
            return None

    def adjust_country_field(self):
        self.fields.pop("country", None)
        self.instance.country = Country.objects.get(iso_3166_1_a2="VN")

    def clean_phone_number_field(self, field_name):
        # Replaces Oscar's international-or-country-hint parsing: Vietnamese
        # numbers only, whichever way they are written (0912…, +84 912…).
        value = self.cleaned_data.get(field_name)
        if not value:
            return ""
        try:
            return vn_phone_number(str(value))
        except ValidationError as error:
            self.add_error(field_name, error)
            return value

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province"), cleaned.get("ward")
        if province and ward:
            try:
                vn_units.validate_address_units(province_code=province, ward_code=ward)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        data = getattr(self, "cleaned_data", {})
        if data.get("province") and data.get("ward"):
            self.instance.line2 = vn_units.ward_name(data["ward"])
            self.instance.line4 = vn_units.province_name(data["province"])


class UserAddressForm(VietnameseAddressMixin, oscar_forms.UserAddressForm):
    """An address-book entry, the same Vietnamese address as at checkout."""

    class Meta(oscar_forms.UserAddressForm.Meta):
        fields = ["first_name", "phone_number", "line1", "notes"]
        labels = VN_ADDRESS_LABELS

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.adjust_country_field()
