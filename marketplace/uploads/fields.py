"""Model and form fields that run the upload policy.

A model field here gives every ModelForm (our forms, Django's admin, Oscar's
dashboard) a form field that runs the policy and hands the normalised file
to the model, so no form can store an unchecked upload.
"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from .policy import POLICIES, PolicyValidator, UploadPolicy, upload_clean


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that names the current file without linking to storage.

    A private file has no public URL: the page around the form links to the
    view that checks the viewer.
    """

    template_name = "uploads/private_file_input.html"


class PolicyFormField(forms.FileField):
    """A form file field that checks and normalises uploads with a policy."""

    def __init__(self, *args, policy: UploadPolicy, private: bool = False, **kwargs):
        self.policy = policy
        if private and "widget" not in kwargs:
            kwargs["widget"] = PrivateFileInput
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        if policy.name == "image":
            self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            value = upload_clean(value, policy=self.policy)
        return value


class _PolicyFieldMixin:
    def __init__(self, *args, policy: str = "document", **kwargs):
        self.policy_name = policy
        super().__init__(*args, **kwargs)

    @property
    def policy(self) -> UploadPolicy:
        return POLICIES[self.policy_name]

    @property
    def default_validators(self) -> list:
        # Not a migration argument: model validation always runs the policy.
        return [PolicyValidator(self.policy_name)]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["policy"] = self.policy_name
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from .storage import _private_storage

        defaults = {
            "form_class": PolicyFormField,
            "policy": self.policy,
            "private": self.storage is _private_storage,
        }
        defaults.update(kwargs)
        # Never let the model's default form class (forms.ImageField) back in.
        defaults["form_class"] = PolicyFormField
        return models.Field.formfield(self, **defaults)


class UploadFileField(_PolicyFieldMixin, models.FileField):
    """A FileField whose forms run the upload policy named by ``policy``."""


class UploadImageField(_PolicyFieldMixin, models.ImageField):
    """An ImageField whose forms run the upload policy named by ``policy``."""

    def __init__(self, *args, policy: str = "image", **kwargs):
        super().__init__(*args, policy=policy, **kwargs)
