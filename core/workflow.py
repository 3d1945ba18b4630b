"""Shared mechanics of the moderation workflows (vendors and job postings).

Each app's services say which transitions are allowed; this module checks them the same way
everywhere and records who made a change in the admin's history (django.contrib.admin.LogEntry),
so curators see a listing's whole trail on its "History" page.
"""

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import models


class InvalidTransition(ValidationError):
    """A workflow action that the object's current status does not allow."""

    def __init__(self, obj: models.Model, action: str):
        self.obj = obj
        self.action = action
        super().__init__(
            "Cannot %(action)s %(object)s: it is %(status)s.",
            code="invalid_transition",
            params={
                "action": action,
                "object": obj,
                "status": obj.get_status_display().lower(),
            },
        )


def lock_for_update[M: models.Model](obj: M) -> M:
    """Re-read `obj` with a row lock, so two curators acting at once cannot both pass a status check."""
    # The concrete model, not an admin proxy (the review queues), so the history is kept on the listing itself.
    return obj._meta.concrete_model._default_manager.select_for_update().get(pk=obj.pk)


def require_status(obj: models.Model, action: str, allowed: Iterable[str]) -> None:
    if obj.status not in set(allowed):
        raise InvalidTransition(obj, action)


def set_status(obj: models.Model, status: str, actor, now) -> list[str]:
    """Move `obj` to `status` on behalf of `actor` (None for the system); returns the fields to save."""
    obj.status = status
    obj.status_changed_at = now
    obj.status_changed_by = actor
    return ["status", "status_changed_at", "status_changed_by", "updated_at"]


def record_action(actor, obj: models.Model, message: str) -> None:
    """Write the action to the admin history; system actions (actor None) are recorded on the object only."""
    if actor is None:
        return
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )
