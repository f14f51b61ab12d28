"""Forms of business accounts: a business registering itself (with its
first login when the visitor is not signed in) and staff giving a register
business a login. Moderators decide with the cooperatives' ``ReviewForm``
(approve, or reject with a reason)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.forms import BusinessForm
from agreements.models import Business
from agreements.validators import tax_code_canonical, validate_tax_code
from marketplace.core.vn_units import province_choices


class BusinessRegistrationForm(SetPasswordMixin, forms.ModelForm):
    """A business registers itself. The account fields are asked only of a
    visitor who is not signed in (``user`` anonymous or None)."""

    province_code = forms.TypedChoiceField(
        label=_("Province"), coerce=int, empty_value=None
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    login_email = forms.EmailField(label=_("Your e-mail (your login)"))
    password1, password2 = SetPasswordMixin.create_password_fields()

    #: The fields of the account, left out for a signed-in visitor.
    ACCOUNT_FIELDS = ("full_name", "login_email", "password1", "password2")

    class Meta:
        model = Business
        #: The register's own form's fields (the staff's "new business").
        fields = BusinessForm.Meta.fields
        help_texts = {
            "tax_code": _("10 digits, or 13 for a branch (0100109106-001)."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "---------")] + province_choices()
        for name in ("address", "contact_name", "phone", "email"):
            self.fields[name].required = True
        if user is not None and user.is_authenticated:
            for name in self.ACCOUNT_FIELDS:
                del self.fields[name]

    def clean_tax_code(self) -> str:
        value = self.cleaned_data["tax_code"]
        validate_tax_code(value)
        return tax_code_canonical(value)

    def clean_login_email(self) -> str:
        email = self.cleaned_data["login_email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "An account with this e-mail already exists: log in first, then "
                    "register your business."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields:
            # Django's own checks: the two match, and the password validators
            # (compared with the account being made).
            self.validate_passwords()
            account = get_user_model()(
                email=cleaned.get("login_email", ""),
                first_name=cleaned.get("full_name", ""),
            )
            self.validate_password_for_user(account)
        return cleaned

    def validate_unique(self) -> None:
        # A tax code already in the register is not an error here: the
        # service attaches the visitor to that business as a claim.
        pass

    def business_data(self) -> dict:
        """Return the business's fields as the service takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BusinessLoginForm(forms.Form):
    """Staff give a person a login for a register business."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
