"""Forms of the agreements register. They validate; services write."""

import json

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.core import roles
from marketplace.core.text import slug_fold_patterns
from marketplace.core.vn_units import province_choices
from marketplace.submissions import SubmissionTokenMixin
from marketplace.uploads.policy import DOCUMENT, upload_clean

from .models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
    Milestone,
)
from .selectors.conferences import conference_slug_free
from .selectors.lists import SORTS
from .selectors.parties import party_candidates, party_resolve
from .selectors.people import person_label
from .status import status_choices
from .validators import (
    period_problem,
    tax_code_canonical,
    tax_code_variants,
    validate_tax_code,
)

Partner = get_model("partner", "Partner")


def _period_error_add(form, data: dict, *, start: str, end: str) -> None:
    """Add the register's period error (``validators.period_problem``) to
    ``end`` when the period typed ends before it starts."""
    problem = period_problem(data.get(start), data.get(end), field=end)
    if problem is not None:
        form.add_error(end, gettext(problem))


User = get_user_model()


def _positive_checked_elsewhere(form, *names: str) -> None:
    """Drop the fields' generic minimum checks: clean_<field>() or the service
    refuses zero and negative numbers with a clearer message."""
    for name in names:
        field = form.fields[name]
        field.validators = [
            v for v in field.validators if not isinstance(v, MinValueValidator)
        ]
        field.widget.attrs.pop("min", None)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """Django's select, its options written in Python rather than through a
    template each: the list's filters offer every business and cooperative,
    hundreds of options rendered on every page of the list."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _c, _i in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        selected = mark_safe(" selected")
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    selected if option["selected"] else "",
                    option["label"],
                )
                for _name, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(widget["attrs"]),
            options,
        )


class PartyLookupWidget(forms.Widget):
    """A text box for a business's or cooperative's name or tax code, with
    the chosen party's id beside it (``<name>_id``, hidden).

    Without JavaScript the typed text is sent and read by the field. With
    ``agreements/party-lookup.js`` the box is an ARIA 1.2 combobox over the
    look-up URL (``data-lookup-url``) that fills in the id of the party
    chosen from the list."""

    def __init__(self, *, lookup: str, attrs=None):
        super().__init__(attrs)
        #: "business" or "cooperative": which look-up URL the box asks.
        self.lookup = lookup

    def value_from_datadict(self, data, files, name):
        return [data.get(name, ""), data.get(f"{name}_id", "")]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_id" not in data

    def id_for_label(self, id_):
        return id_

    def render(self, name, value, attrs=None, renderer=None):
        text, pk = value if isinstance(value, (list, tuple)) else ("", "")
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.pop("id", f"id_{name}")
        return format_html(
            '<div class="ag-lookup" data-lookup-url="{url}"'
            ' data-none="{none}" data-count="{count}">'
            '<input type="text" name="{name}" id="{id}" value="{text}"'
            ' autocomplete="off" spellcheck="false"{attrs}>'
            '<input type="hidden" name="{name}_id" value="{pk}">'
            '<ul class="ag-lookup__list" id="{id}-listbox" role="listbox"'
            ' aria-label="{list_label}" hidden></ul>'
            '<span class="visually-hidden" role="status" aria-live="polite"></span>'
            "</div>",
            url=reverse(f"agreements:{self.lookup}-lookup"),
            none=_("No match"),
            count=_("%(count)s matches, use the arrow keys to choose"),
            name=name,
            id=input_id,
            text=text or "",
            pk=pk or "",
            attrs=flatatt(attrs),
            list_label=_("Matches"),
        )


LOOKUP_ERRORS = {
    ("business", "none"): _(
        "No business matches “%(text)s”: the list is not filtered by business."
    ),
    ("cooperative", "none"): _(
        "No cooperative matches “%(text)s”: the list is not filtered by cooperative."
    ),
    ("business", "several"): _(
        "Several businesses match “%(text)s”: type more of the name, or the tax code."
    ),
    ("cooperative", "several"): _(
        "Several cooperatives match “%(text)s”: type more of the name, or the tax code."
    ),
}


LOOKUP_ADD_ERRORS = {
    ("business", "none"): _("No business matches “%(text)s”."),
    ("cooperative", "none"): _("No cooperative matches “%(text)s”."),
    ("business", "several"): LOOKUP_ERRORS["business", "several"],
    ("cooperative", "several"): LOOKUP_ERRORS["cooperative", "several"],
}


class PartyLookupField(forms.Field):
    """One business or cooperative, typed by name or tax code (or chosen by
    id from the type-ahead), among those the form's user may see; cleans to
    its id."""

    def __init__(self, *, lookup: str, **kwargs):
        kwargs.setdefault("widget", PartyLookupWidget(lookup=lookup))
        kwargs.setdefault("help_text", _("Name or tax code"))
        super().__init__(**kwargs)
        self.lookup = lookup
        #: Set by the form: the user whose visible parties may be named.
        self.user = None
        self._candidates = None

    def candidates(self) -> list[tuple[int, str, str]]:
        if self._candidates is None:
            self._candidates = party_candidates(kind=self.lookup, user=self.user)
        return self._candidates

    def bound_data(self, data, initial):
        # A link that gives only the id (the dashboard's) shows the name.
        text, pk = data if isinstance(data, (list, tuple)) else ("", "")
        if not (text or "").strip() and str(pk).isdigit():
            chosen = party_resolve(candidates=self.candidates(), text="", pk=int(pk))
            if chosen:
                return [chosen[0][1], pk]
        return data

    def clean(self, value):
        text, pk = value if isinstance(value, (list, tuple)) else ("", "")
        text = (text or "").strip()
        pk = int(pk) if str(pk).isdigit() else None
        if not text and pk is None:
            return None
        matches = party_resolve(candidates=self.candidates(), text=text, pk=pk)
        if len(matches) == 1:
            return matches[0][0]
        problem = "none" if not matches else "several"
        message = LOOKUP_ERRORS[self.lookup, problem]
        raise forms.ValidationError(message, params={"text": text}, code="lookup")


class PartyMultiLookupWidget(PartyLookupWidget):
    """The parties chosen so far as ticked boxes (``<name>``, untick to
    leave one out), and a text box (``<name>_add``) to add one by name or
    tax code; ``party-lookup.js`` adds the one chosen from its list."""

    #: Set by the field: {id: (name, tax code)} of the parties that may be chosen.
    names = None

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return (list(ids), data.get(f"{name}_add", ""))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_add" not in data

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, tuple):
            ids, text = value
        else:
            ids, text = (value or []), ""
        names = self.names() if self.names else {}
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.pop("id", f"id_{name}")
        chosen = format_html_join(
            "",
            '<li><label><input type="checkbox" name="{}" value="{}" checked> {}'
            ' <small class="ag-lookup__code">{}</small></label></li>',
            (
                (name, pk, *names[int(pk)])
                for pk in ids
                if str(pk).isdigit() and int(pk) in names
            ),
        )
        return format_html(
            '<div class="ag-lookup ag-lookup--multi" data-lookup-url="{url}"'
            ' data-name="{name}" data-none="{none}" data-count="{count}">'
            '<ul class="ag-lookup__chosen">{chosen}</ul>'
            '<input type="text" name="{name}_add" id="{id}" value="{text}"'
            ' autocomplete="off" spellcheck="false"{attrs}>'
            '<ul class="ag-lookup__list" id="{id}-listbox" role="listbox"'
            ' aria-label="{list_label}" hidden></ul>'
            '<span class="visually-hidden" role="status" aria-live="polite"></span>'
            "</div>",
            url=reverse(f"agreements:{self.lookup}-lookup"),
            name=name,
            none=_("No match"),
            count=_("%(count)s matches, use the arrow keys to choose"),
            chosen=chosen,
            id=input_id,
            text=text or "",
            attrs=flatatt(attrs),
            list_label=_("Matches"),
        )


class PartyMultiLookupField(PartyLookupField):
    """Several businesses or cooperatives: the ids ticked, plus one typed by
    name or tax code; cleans to the parties, in the order chosen."""

    def __init__(self, *, lookup: str, model, **kwargs):
        kwargs.setdefault("widget", PartyMultiLookupWidget(lookup=lookup))
        kwargs.setdefault("help_text", _("Type a name or a tax code to add one."))
        super().__init__(lookup=lookup, **kwargs)
        self.model = model
        self.widget.names = self.candidate_names

    def __deepcopy__(self, memo):
        # Each form's copy of the field names its own candidates.
        result = super().__deepcopy__(memo)
        result.widget.names = result.candidate_names
        return result

    def candidate_names(self) -> dict[int, tuple[str, str]]:
        return {pk: (name, code) for pk, name, code in self.candidates()}

    def bound_data(self, data, initial):
        return data

    def clean(self, value):
        ids, text = value if isinstance(value, tuple) else (value or [], "")
        known = {row[0] for row in self.candidates()}
        chosen = [int(pk) for pk in ids if str(pk).isdigit() and int(pk) in known]
        text = (text or "").strip()
        if text:
            matches = party_resolve(candidates=self.candidates(), text=text)
            if len(matches) != 1:
                problem = "none" if not matches else "several"
                raise forms.ValidationError(
                    LOOKUP_ADD_ERRORS[self.lookup, problem],
                    params={"text": text},
                    code="lookup",
                )
            if matches[0][0] not in chosen:
                chosen.append(matches[0][0])
        if self.required and not chosen:
            raise forms.ValidationError(
                self.error_messages["required"], code="required"
            )
        by_pk = self.model.objects.in_bulk(chosen)
        return [by_pk[pk] for pk in chosen]


class FilterForm(forms.Form):
    """The list's filters; every field is optional. The cooperative and the
    business are looked up among those ``user`` may see."""

    q = forms.CharField(label=_("Search"), required=False)
    conference = forms.ModelChoiceField(
        Conference.objects.all(),
        label=_("Conference"),
        required=False,
        widget=PlainSelect,
    )
    partner = PartyLookupField(
        lookup="cooperative", label=_("Cooperative"), required=False
    )
    business = PartyLookupField(lookup="business", label=_("Business"), required=False)
    province = forms.TypedChoiceField(
        label=_("Province"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=PlainSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    behind = forms.BooleanField(label=_("Behind only"), required=False)
    period_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=PlainSelect)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].user = user
        self.fields["business"].user = user
        self.fields["province"].choices = [("", "---------")] + province_choices()
        self.fields["kind"].choices = [("", "---------")] + list(Agreement.Kind.choices)
        self.fields["status"].choices = [("", "---------")] + status_choices()
        self.fields["sort"].choices = [
            ("-signed", _("Newest first")),
            ("signed", _("Oldest first")),
            ("number", _("Number")),
            ("-committed", _("Committed value")),
            ("-delivered", _("Delivered value")),
            ("fulfilment", _("Fulfilment, lowest first")),
            ("-fulfilment", _("Fulfilment, highest first")),
            ("status", _("Status")),
        ]
        assert all(value in SORTS for value, _label in self.fields["sort"].choices)


class AgreementForm(SubmissionTokenMixin, forms.ModelForm):
    submission_purpose = "agreements.agreement"

    class Meta:
        model = Agreement
        fields = [
            "number",
            "conference",
            "signed_on",
            "kind",
            "valid_from",
            "valid_until",
            "document",
            "staff_in_charge",
            "notes",
        ]
        widgets = {"signed_on": DATE, "valid_from": DATE, "valid_until": DATE}

    cooperatives = PartyMultiLookupField(
        lookup="cooperative",
        model=Partner,
        label=_("Cooperatives"),
        required=False,
        help_text=_("One or more cooperatives."),
    )
    cooperative_role = forms.ChoiceField(
        label=_("Role of the cooperatives"),
        choices=AgreementParty.Role.choices,
        initial=AgreementParty.Role.SUPPLIER,
    )
    businesses = PartyMultiLookupField(
        lookup="business",
        model=Business,
        label=_("Businesses"),
        required=False,
        help_text=_("One or more businesses."),
    )
    business_role = forms.ChoiceField(
        label=_("Role of the businesses"),
        choices=AgreementParty.Role.choices,
        initial=AgreementParty.Role.BUYER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperatives"].user = self.submission_user
        self.fields["businesses"].user = self.submission_user
        self.fields["staff_in_charge"].queryset = roles.users_with_permission(
            perm=roles.AGREEMENTS_CHANGE
        ).order_by("first_name", "last_name", "username")
        self.fields["staff_in_charge"].label_from_instance = person_label
        if self.instance.pk:
            parties = list(self.instance.parties.all())
            coops = [p for p in parties if p.partner_id]
            businesses = [p for p in parties if p.business_id]
            self.initial["cooperatives"] = [p.partner_id for p in coops]
            self.initial["businesses"] = [p.business_id for p in businesses]
            if coops:
                self.initial["cooperative_role"] = coops[0].role
            if businesses:
                self.initial["business_role"] = businesses[0].role

    def clean(self):
        data = super().clean()
        # A party typed that matches nothing already has its error.
        if not data.get("cooperatives") and "cooperatives" not in self.errors:
            self.add_error(
                "cooperatives", _("An agreement needs at least one cooperative.")
            )
        if not data.get("businesses") and "businesses" not in self.errors:
            self.add_error("businesses", _("An agreement needs at least one business."))
        _period_error_add(self, data, start="valid_from", end="valid_until")
        return data


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "partner",
            "product",
            "goods",
            "unit",
            "quantity",
            "value",
            "period_start",
            "period_end",
        ]
        widgets = {"period_start": DATE, "period_end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _positive_checked_elsewhere(self, "quantity", "value")
        self.fields["partner"].required = False
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["product"].queryset = self.fields["product"].queryset.order_by(
            "title"
        )

    def clean_quantity(self):
        quantity = self.cleaned_data.get("quantity")
        if quantity is not None and quantity <= 0:
            raise forms.ValidationError(_("The quantity must be greater than zero."))
        return quantity

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("The value must be greater than zero."))
        return value

    def clean(self):
        data = super().clean()
        _period_error_add(self, data, start="period_start", end="period_end")
        if not data.get("product") and not data.get("goods"):
            self.add_error("goods", _("Choose a product or describe the goods."))
        return data

    def validate_unique(self):
        # The agreement is set by the service; nothing to check here.
        pass

    def _post_clean(self):
        # Model.full_clean needs the agreement and partner, which the service
        # sets; the field rules are checked in clean() above.
        try:
            self.instance = forms.models.construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except forms.ValidationError as e:
            self._update_errors(e)


CommitmentFormSet = forms.inlineformset_factory(
    Agreement,
    Commitment,
    form=CommitmentForm,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
)

MilestoneFormSet = forms.inlineformset_factory(
    Agreement,
    Milestone,
    fields=["due_on", "share", "note"],
    widgets={"due_on": DATE},
    extra=1,
    can_delete=True,
)


class DeliveryForm(SubmissionTokenMixin, forms.ModelForm):
    """Record a delivery against one of the agreement's lines (once per
    rendered form: ``marketplace.submissions``)."""

    submission_purpose = "agreements.delivery"

    class Meta:
        model = DeliveryReport
        fields = [
            "commitment",
            "delivered_on",
            "quantity",
            "unit",
            "value",
            "evidence",
            "note",
        ]
        widgets = {"delivered_on": DATE}

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label = _("Commitment")
        _positive_checked_elsewhere(self, "quantity", "value")
        self.fields["unit"].required = False
        self.fields["unit"].help_text = _("Leave empty to use the commitment's unit.")

    def _post_clean(self):
        # The service checks the report against its commitment. The evidence
        # was checked and normalised by its form field (the upload policy);
        # its model validators still run here, so no file skips them.
        evidence = self.cleaned_data.get("evidence")
        if evidence and "evidence" not in self._errors:
            try:
                DeliveryReport._meta.get_field("evidence").run_validators(evidence)
            except forms.ValidationError as error:
                self.add_error("evidence", error)


class VerifyForm(forms.Form):
    pass


class DifficultyForm(SubmissionTokenMixin, forms.ModelForm):
    """Log a difficulty (once per rendered form)."""

    submission_purpose = "agreements.difficulty"

    class Meta:
        model = Difficulty
        fields = ["kind", "description", "agency", "deadline", "assignee"]
        widgets = {"deadline": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = roles.users_with_permission(
            perm=roles.AGREEMENTS_CHANGE
        ).order_by("first_name", "last_name", "username")
        self.fields["assignee"].label_from_instance = person_label

    def _post_clean(self):
        forms.models.construct_instance(self, self.instance, self._meta.fields)


class CooperativeDifficultyForm(SubmissionTokenMixin, forms.ModelForm):
    """A cooperative's user raises a difficulty on its own agreement (once
    per rendered form); staff assign and follow it up."""

    submission_purpose = "agreements.difficulty-raise"

    class Meta:
        model = Difficulty
        fields = ["kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        # The service builds and checks the difficulty.
        pass


class DifficultyUpdateForm(forms.ModelForm):
    class Meta:
        model = Difficulty
        fields = ["status", "assignee", "agency", "deadline", "resolution"]
        widgets = {"deadline": DATE, "resolution": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = roles.users_with_permission(
            perm=roles.AGREEMENTS_CHANGE
        ).order_by("first_name", "last_name", "username")
        self.fields["assignee"].label_from_instance = person_label

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Difficulty.Status.RESOLVED
            and not (data.get("resolution") or "").strip()
        ):
            self.add_error("resolution", _("Describe how the difficulty was resolved."))
        return data

    def _post_clean(self):
        pass


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpCloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ImportForm(forms.Form):
    conference = forms.ModelChoiceField(Conference.objects.all(), label=_("Conference"))
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template; one row per agreement line."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel file (.xlsx)."))
        #: The name shown on the import page (the stored file gets a random one).
        self.file_name = upload.name
        # The upload policy: size limit, and the type read from the bytes.
        upload = upload_clean(upload, policy=DOCUMENT)
        if not upload.name.endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel file (.xlsx)."))
        return upload


class ConferenceForm(SubmissionTokenMixin, forms.ModelForm):
    submission_purpose = "agreements.conference"

    class Media:
        js = ["agreements/conference-slug.js"]

    class Meta:
        model = Conference
        fields = [
            "name",
            "slug",
            "start_date",
            "end_date",
            "place",
            "organiser",
            "description",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = _(
            "The conference's address. Left empty, it is made from the name."
        )
        # conference-slug.js fills it in as the name is typed, folding
        # Vietnamese as the server does.
        slug.widget.attrs["data-slug-from"] = "name"
        slug.widget.attrs["data-slug-patterns"] = json.dumps(slug_fold_patterns())

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("name"):
            data["slug"] = conference_slug_free(name=data["name"], pk=self.instance.pk)
            # The model's own checks run after clean(): give it the slug.
            self.instance.slug = data["slug"]
        return data


class BusinessForm(SubmissionTokenMixin, forms.ModelForm):
    submission_purpose = "agreements.business"

    province_code = forms.TypedChoiceField(
        label=_("Province"), required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = Business
        fields = [
            "name",
            "tax_code",
            "kind",
            "province_code",
            "address",
            "contact_name",
            "phone",
            "email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "---------")] + province_choices()

    def clean_tax_code(self) -> str:
        # A new business's code is checked (validators.tax_code_problem) and
        # stored in one form, so that the same code typed with dots or
        # spaces is found as a duplicate.
        value = self.cleaned_data["tax_code"]
        validate_tax_code(value)
        if (
            Business.objects.filter(tax_code__in=tax_code_variants(value))
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("A business with this tax code is already in the register.")
            )
        return tax_code_canonical(value)


class SignForm(forms.ModelForm):
    """Mark a draft agreement signed: the signing date and, optionally, the
    signed document."""

    class Meta:
        model = Agreement
        fields = ["signed_on", "document"]
        widgets = {"signed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].required = True
