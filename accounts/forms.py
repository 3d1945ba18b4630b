"""The sign-up form's extra question: what the person comes for. django-allauth does the rest."""

from django import forms

from accounts.models import User


class SignupForm(forms.Form):
    kind = forms.ChoiceField(label="What brings you here?", choices=User.Kind.choices, widget=forms.RadioSelect)
    # A field people never see: bots that fill every input give themselves away.
    contact_me_by_fax = forms.CharField(
        required=False, label="Leave this empty", widget=forms.TextInput(attrs={"tabindex": "-1"})
    )

    def clean_contact_me_by_fax(self):
        if self.cleaned_data["contact_me_by_fax"]:
            raise forms.ValidationError("Leave this field empty.")
        return ""

    def signup(self, request, user):
        user.kind = self.cleaned_data["kind"]
        user.save(update_fields=["kind"])
