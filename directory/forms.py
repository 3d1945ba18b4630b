"""Forms of the business journey: contacting a vendor, reviewing it, the vendor's reply."""

import uuid

from django import forms

from core.forms import HoneypotMixin
from directory.models import ComplianceStandard, DeliveryCenter, Inquiry, Membership, Review, ServiceType, Vendor
from directory.services.vendors import CENTER_FIELDS, VENDOR_EDITABLE_FIELDS, VENDOR_EDITABLE_RELATIONS

STARS = [(n, f"{n} of 5") for n in range(5, 0, -1)]


class InquiryForm(HoneypotMixin, forms.ModelForm):
    # Issued with the empty form: sending the same form twice finds the first inquiry instead of a second.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    services = forms.ModelMultipleChoiceField(
        ServiceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Services needed",
        to_field_name="slug",
    )

    class Meta:
        model = Inquiry
        fields = ["name", "email", "company", "services", "seats", "start_date", "budget", "message"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"seats": "Seats (agents) needed", "start_date": "Start date", "budget": "Budget"}

    def service_arguments(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "services"}
        return {
            "fields": fields,
            "services": self.cleaned_data["services"],
            "submission_key": self.cleaned_data["submission_key"],
        }


class ReviewForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Review
        fields = ["overall", "quality", "communication", "value", "reliability", "text"]
        widgets = {name: forms.RadioSelect(choices=STARS) for name in Review.RATING_FIELDS} | {
            "text": forms.Textarea(attrs={"rows": 6})
        }
        labels = {"overall": "Overall", "value": "Value for money", "text": "Your review"}


class ReplyForm(forms.Form):
    reply = forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 3}), label="Your public reply")


class VendorProfileForm(forms.ModelForm):
    """What a vendor's members edit; on a published vendor the changes wait for a curator."""

    class Meta:
        model = Vendor
        fields = [*VENDOR_EDITABLE_FIELDS, *VENDOR_EDITABLE_RELATIONS]
        widgets = dict.fromkeys(VENDOR_EDITABLE_RELATIONS, forms.CheckboxSelectMultiple) | {
            "description": forms.Textarea(attrs={"rows": 8})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regulations = self.fields["compliance_standards"]
        regulations.queryset = regulations.queryset.filter(kind=ComplianceStandard.Kind.REGULATION)
        regulations.label = "Regulations you work under"
        regulations.help_text = "Certifications (PCI DSS, SOC 2, ISO 27001...) are added with their evidence."

    def service_arguments(self) -> dict:
        return {
            "fields": {name: self.cleaned_data[name] for name in VENDOR_EDITABLE_FIELDS},
            "relations": {name: list(self.cleaned_data[name]) for name in VENDOR_EDITABLE_RELATIONS},
        }


class ClaimForm(forms.Form):
    message = forms.CharField(
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Who are you at the company, and how can we check it?",
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Colleague's email address")
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.RECRUITER)
    organization = forms.CharField(widget=forms.HiddenInput)  # "vendor:<slug>" or "employer:<slug>"


class CenterForm(forms.ModelForm):
    """One delivery center: where it is, its seats, and what a brief is judged on there (hours, rates,
    languages)."""

    class Meta:
        model = DeliveryCenter
        fields = [*CENTER_FIELDS, "languages"]
        widgets = {"languages": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the center keeps what it has (a curator's figures, or the defaults for a new center).
        for name in ("hours", "languages"):
            self.fields[name].required = False


CenterFormSet = forms.formset_factory(CenterForm, extra=1, max_num=50, can_delete=True)


def _filled(value) -> bool:
    return value is not None and value != "" and (not hasattr(value, "exists") or value.exists())


def formset_centers(formset) -> list[dict]:
    """The filled, not deleted rows of the centers formset, as the services take them."""
    return [
        {name: row[name] for name in (*CENTER_FIELDS, "languages") if _filled(row.get(name))}
        for row in formset.cleaned_data
        if row and not row.get("DELETE") and row.get("city")
    ]
