"""The sign-up form's extra question: what the person comes for. django-allauth does the rest."""

from django import forms

from accounts.models import User
from core.forms import HoneypotMixin


class SignupForm(HoneypotMixin):
    kind = forms.ChoiceField(label="What brings you here?", choices=User.Kind.choices, widget=forms.RadioSelect)

    def signup(self, request, user):
        user.kind = self.cleaned_data["kind"]
        user.save(update_fields=["kind"])
