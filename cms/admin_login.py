"""Wagtail's admin login form, with its password field's label translated.

Wagtail's ``LoginForm`` declares the password field without a label, so
Django shows the field's name, "Password", in English in every language.
``WAGTAILADMIN_USER_LOGIN_FORM`` points Wagtail's login view here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
