from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - a changed password ends the account's API tokens
        from accounts.groups import ensure_curators_group

        # Permissions are created by post_migrate too, so the group is filled after them.
        post_migrate.connect(ensure_curators_group, dispatch_uid="accounts.ensure_curators_group")
