"""The "Curators" group: staff who run the directory and the job board from the admin."""

from django.contrib.auth.models import Group, Permission

CURATORS_GROUP = "Curators"

# Curators view, add and change everything the two apps hold, delete only the rows that hang off a
# listing (centers, requirements, memberships), and run the moderation actions.
_FULL_APPS = ("directory", "jobs")
_DELETABLE_MODELS = (
    "deliverycenter",
    "membership",
    "jobskillrequirement",
    "joblanguagerequirement",
)


def ensure_curators_group(sender=None, **kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    perms = Permission.objects.filter(content_type__app_label__in=_FULL_APPS)
    wanted = [
        p
        for p in perms
        if not p.codename.startswith("delete_") or p.codename.removeprefix("delete_") in _DELETABLE_MODELS
    ]
    wanted += list(Permission.objects.filter(content_type__app_label="accounts", codename="view_user"))
    wanted += list(Permission.objects.filter(content_type__app_label="admin", codename="view_logentry"))
    # The words people search with are the curators' to keep.
    wanted += list(Permission.objects.filter(content_type__app_label="core", content_type__model="searchsynonym"))
    group.permissions.set(wanted)
    return group
