"""A changed password ends the account's API tokens, whatever changed it (the admin's form, `changepassword`,
allauth's change and reset, `set_password()` or `set_unusable_password()` and `save()`): they were issued on the
old one. The stored hash is compared before and after each save, as Django ties sessions to it."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from accounts.models import User


@receiver(pre_save, sender=User, dispatch_uid="accounts.remember-stored-password")
def remember_stored_password(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._stored_password = None
    if raw or instance._state.adding or (update_fields is not None and "password" not in update_fields):
        return
    if instance.rehashing_password:
        return  # the same password under the hasher's current parameters: not a change
    instance._stored_password = (
        sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    )


@receiver(post_save, sender=User, dispatch_uid="accounts.revoke-tokens-on-password-change")
def revoke_api_tokens(sender, instance, **kwargs):
    stored = instance.__dict__.pop("_stored_password", None)
    if stored is not None and stored != instance.password:
        Token.objects.filter(user=instance).delete()
