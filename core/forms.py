"""Form pieces every journey shares: the honeypot, and a service's ValidationError shown on a form."""

from django import forms
from django.core.exceptions import ValidationError


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and out of the tab order): bots that fill it are refused."""

    contact_me_by_fax = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_contact_me_by_fax(self):
        if self.cleaned_data["contact_me_by_fax"]:
            raise forms.ValidationError("Leave this field empty.")
        return ""


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: next to its field when the form has one, on top otherwise."""
    for field, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(field if field in form.fields else None, messages)
