"""A changed or reset password ends the API tokens issued before it (they were issued on the old password)."""

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver
from rest_framework.authtoken.models import Token


@receiver(password_changed, dispatch_uid="revoke-tokens-on-password-change")
@receiver(password_reset, dispatch_uid="revoke-tokens-on-password-reset")
@receiver(password_set, dispatch_uid="revoke-tokens-on-password-set")
def revoke_api_tokens(sender, request=None, user=None, **kwargs):
    if user is not None:
        Token.objects.filter(user=user).delete()
