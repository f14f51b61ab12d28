"""Forms of the cooperative register: directory filters, profile, products."""

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core import vn_units
from marketplace.core.html import html_sanitise
from marketplace.uploads.fields import PolicyFormField
from marketplace.uploads.policy import IMAGE, SCAN

from .line_status import line_status_label
from .models import Cooperative, OcopCertificate
from .selectors import category_choices


class DirectoryFilterForm(forms.Form):
    """The directory's filters: province, type, sector (all optional)."""

    province = forms.TypedChoiceField(
        label=_("Province"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["province"].choices = everything + vn_units.province_choices()
        self.fields["kind"].choices = everything + list(Cooperative.Kind.choices)
        self.fields["sector"].choices = everything + list(Cooperative.Sector.choices)

    def filters(self) -> dict:
        """Return the selector's keyword arguments (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        return {
            "province_code": self.cleaned_data["province"],
            "kind": self.cleaned_data["kind"] or None,
            "sector": self.cleaned_data["sector"] or None,
        }


_DONG = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+)$")


#: The submit button that sends a form back with the chosen province's
#: communes, for browsers without JavaScript (static/js/vn-address.js removes
#: it and refills the list itself).
CHOOSE_PROVINCE = "choose_province"


def address_refresh_requested(data) -> bool:
    """Return whether the form came back only to list the province's communes."""
    return CHOOSE_PROVINCE in data


def address_form_refreshed(*, form_class, data, files=None, **kwargs):
    """Return ``form_class`` unbound, showing what was sent, with the communes.

    For the "Choose province" button: nothing is checked or saved yet, so no
    error shows, and every field keeps what was typed (files aside, which a
    browser never sends back); the commune list is the chosen province's.
    """
    sent = form_class(data, files, **kwargs)
    initial = {}
    for name, field in sent.fields.items():
        if isinstance(field, forms.FileField):
            continue
        initial[name] = field.widget.value_from_datadict(
            sent.data, sent.files, sent.add_prefix(name)
        )
    form = form_class(initial=initial, **kwargs)
    form.fields["ward_code"].widget.attrs["autofocus"] = True
    return form


class AddressFieldsMixin:
    """Province and commune as selects of the 2025 units; the commune list follows
    the province that was chosen (or saved)."""

    def _setup_address(self, province_code) -> None:
        self.fields["province_code"] = forms.TypedChoiceField(
            label=_("Province"),
            coerce=int,
            choices=[("", "---------")] + vn_units.province_choices(),
            error_messages={"invalid_choice": _("Choose a province from the list.")},
            widget=forms.Select(attrs={"data-province-select": "1"}),
        )
        try:
            wards = vn_units.ward_choices(province_code=int(province_code))
        except (TypeError, ValueError):
            wards = []
        self.fields["ward_code"] = forms.TypedChoiceField(
            label=_("Commune or ward"),
            coerce=int,
            choices=[("", "---------")] + wards,
            error_messages={
                "invalid_choice": _("Choose a commune or ward of this province.")
            },
            widget=forms.Select(attrs={"data-ward-select": "1"}),
        )


_PROFILE_FIELDS = [
    "name",
    "short_name",
    "kind",
    "tax_code",
    "province_code",
    "ward_code",
    "street_address",
    "former_address",
    "representative",
    "phone",
    "email",
    "founded_year",
    "members",
    "sector",
    "classification",
    "is_alliance_member",
    "description",
    "story",
    "logo",
    "shipping_fee",
    "free_shipping_from",
]


class CooperativeProfileForm(AddressFieldsMixin, forms.ModelForm):
    """The cooperative's own profile, edited by its staff."""

    photo = PolicyFormField(policy=IMAGE, label=_("Add a photo"), required=False)

    class Meta:
        model = Cooperative
        fields = _PROFILE_FIELDS
        error_messages = {
            "shipping_fee": {
                "required": _("Enter a shipping fee (0 for free delivery)."),
                "min_value": _("The shipping fee cannot be negative."),
                "invalid": _("Enter the shipping fee in whole dong, e.g. 30000."),
            },
            "free_shipping_from": {
                "min_value": _(
                    "Free shipping must start above 0 ₫; leave it empty to "
                    "always charge the fee."
                ),
                "invalid": _("Enter the amount in whole dong, e.g. 500000."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = (
            self.data.get(self.add_prefix("province_code"))
            or self.initial.get("province_code")
            or getattr(self.instance, "province_code", None)
        )
        self._setup_address(province)
        self.fields["logo"] = PolicyFormField(
            policy=IMAGE, label=_("Logo"), required=False
        )


class RegistrationForm(AddressFieldsMixin, forms.ModelForm):
    """Register a cooperative: its profile and its first staff login."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    login_email = forms.EmailField(label=_("Your e-mail (your login)"))
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    class Meta:
        model = Cooperative
        fields = [
            "name",
            "short_name",
            "kind",
            "tax_code",
            "province_code",
            "ward_code",
            "street_address",
            "former_address",
            "representative",
            "phone",
            "email",
            "sector",
            "description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_address(
            self.data.get(self.add_prefix("province_code"))
            or self.initial.get("province_code")
        )
        if self.initial:
            # Sent back to list the communes (no JavaScript): what was typed
            # stays, the passwords too, on this one page the user is filling.
            for name in ("password1", "password2"):
                self.fields[name].widget.render_value = True

    def clean_login_email(self):
        email = self.cleaned_data["login_email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail already exists."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif cleaned.get("password1"):
            try:
                password_validation.validate_password(cleaned["password1"])
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProductForm(forms.Form):
    """A cooperative's product: what buyers read, price, stock, OCOP data."""

    title = forms.CharField(label=_("Name"), max_length=255)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea,
        required=False,
        help_text=_(
            "Text, or simple HTML: paragraphs, bold, italics, lists, headings "
            "and http(s) links. Anything else is removed."
        ),
    )
    category = forms.TypedChoiceField(
        label=_("Product category"),
        coerce=int,
        empty_value=None,
        help_text=_("Where buyers find the product when they browse."),
        error_messages={
            "required": _("Choose the product's category."),
            "invalid_choice": _("Choose a category from the list."),
        },
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=30, help_text=_("kg, hộp, chai…")
    )
    origin = forms.CharField(label=_("Origin"), max_length=200, required=False)
    shelf_life = forms.CharField(label=_("Shelf life"), max_length=100, required=False)
    price = forms.CharField(
        label=_("Price (₫)"), max_length=20, help_text=_("Whole dong, e.g. 125000.")
    )
    stock = forms.IntegerField(
        label=_("In stock"),
        error_messages={"invalid": _("Enter the stock as a whole number.")},
    )
    image = PolicyFormField(policy=IMAGE, label=_("Add an image"), required=False)
    ocop_stars = forms.IntegerField(
        label=_("OCOP stars"),
        required=False,
        error_messages={"invalid": _("OCOP stars are 3, 4 or 5.")},
    )
    ocop_number = forms.CharField(
        label=_("Certificate or decision number"), max_length=60, required=False
    )
    ocop_issuing_body = forms.CharField(
        label=_("Issuing body"), max_length=200, required=False
    )
    ocop_issued_on = forms.DateField(label=_("Issue date"), required=False)
    ocop_expires_on = forms.DateField(
        label=_("Expiry date"),
        required=False,
        help_text=_("Leave empty for 36 months after the issue date."),
    )
    ocop_scan = PolicyFormField(
        policy=SCAN,
        private=True,
        label=_("Scan of the certificate (PDF or image)"),
        required=False,
    )

    def __init__(self, *args, product=None, **kwargs):
        self.product = product
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "---------")] + category_choices()
        for name in ("ocop_issued_on", "ocop_expires_on"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})

    def clean_description(self) -> str:
        # Cleaned here too (the model cleans on save), so that a change
        # waiting for a moderator is kept, shown and compared clean.
        return html_sanitise(self.cleaned_data["description"])

    def clean_price(self) -> int:
        raw = self.cleaned_data["price"].strip().replace(" ", "")
        if not _DONG.match(raw) or int(raw.replace(".", "")) < 1:
            raise ValidationError(
                _("Enter the price as a positive whole number of dong, e.g. 125000.")
            )
        return int(raw.replace(".", ""))

    def clean_stock(self) -> int:
        stock = self.cleaned_data["stock"]
        if stock is not None and stock < 0:
            raise ValidationError(_("Stock cannot be negative."))
        return stock

    def clean_ocop_stars(self):
        stars = self.cleaned_data["ocop_stars"]
        if stars is not None and stars not in (3, 4, 5):
            raise ValidationError(_("OCOP stars are 3, 4 or 5."))
        return stars

    def clean_ocop_number(self) -> str:
        number = self.cleaned_data["ocop_number"].strip()
        taken = OcopCertificate.objects.filter(number__iexact=number)
        if self.product is not None:
            taken = taken.exclude(product=self.product)
        if number and taken.exists():
            raise ValidationError(
                _("Another product already has this certificate number.")
            )
        return number

    def clean(self):
        cleaned = super().clean()
        ocop = [
            "ocop_stars",
            "ocop_number",
            "ocop_issuing_body",
            "ocop_issued_on",
        ]
        given = [name for name in ocop if cleaned.get(name) not in (None, "")]
        if given and len(given) < len(ocop) and not self.errors:
            for name in ocop:
                if cleaned.get(name) in (None, ""):
                    self.add_error(
                        name, _("Fill in every OCOP field, or leave them all empty.")
                    )
        issued, expires = cleaned.get("ocop_issued_on"), cleaned.get("ocop_expires_on")
        if issued and expires and expires < issued:
            self.add_error(
                "ocop_expires_on",
                _("The expiry date cannot be before the issue date."),
            )
        return cleaned

    def certificate_data(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("ocop_stars"):
            return None
        return {
            "stars": data["ocop_stars"],
            "number": data["ocop_number"],
            "issuing_body": data["ocop_issuing_body"],
            "issued_on": data["ocop_issued_on"],
            "expires_on": data["ocop_expires_on"],
        }


class LineStatusForm(forms.Form):
    """Move one order line to its next status; a cancellation needs a reason."""

    status = forms.ChoiceField(
        label=_("New status"),
        help_text=_(
            "For an order paid in cash on delivery, marking the line delivered "
            "records the cash your courier collected as received."
        ),
    )
    reason = forms.CharField(
        label=_("Reason (for a cancellation)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, line_status_label(s)) for s in line.available_statuses()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == "Cancelled" and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for the cancellation."))
        return cleaned


class ReviewForm(forms.Form):
    """A moderator's decision; a rejection needs a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (for a rejection)"), required=False, widget=forms.Textarea
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned
