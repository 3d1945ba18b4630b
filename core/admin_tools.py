"""Pieces the directory and job board admins share: workflow actions and list filters."""

import inspect
from collections.abc import Callable, Iterable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django_countries import countries


class WorkflowActionForm(ActionForm):
    """The action bar's extra inputs: a reason for rejections, a number of days for extensions.

    Plain text boxes: Django answers an invalid action form with a bare "No action selected.", so
    the values are checked by WorkflowInputsForm inside the action, which can say what is wrong.
    """

    reason = forms.CharField(required=False, label="Reason (for reject)")
    days = forms.CharField(required=False, label="Days (for extend)")


class WorkflowInputsForm(forms.Form):
    reason = forms.CharField(required=False, label="Reason", max_length=2000)
    days = forms.IntegerField(required=False, label="Days", min_value=1, max_value=365)


def run_workflow_action(
    modeladmin: admin.ModelAdmin,
    request,
    queryset: QuerySet,
    service: Callable[[Model], object],
    done_message: str,
) -> None:
    """Call `service` on each selected object; report how many succeeded and why the others were refused.

    Each call is its own transaction, so one refused object does not undo the others.
    """
    done, refused = 0, []
    for obj in queryset:
        try:
            service(obj)
        except ValidationError as exc:
            message = " ".join(exc.messages)
            refused.append(message if str(obj) in message else f"{obj}: {message}")
        else:
            done += 1
    if done:
        modeladmin.message_user(request, f"{done} {done_message}.", messages.SUCCESS)
    for reason in refused[:20]:
        modeladmin.message_user(request, reason, messages.ERROR)
    if len(refused) > 20:
        modeladmin.message_user(request, f"…and {len(refused) - 20} more refused.", messages.ERROR)


def workflow_action(name: str, description: str, service: Callable, done_message: str, *, inputs: Iterable[str] = ()):
    """An admin action that calls a workflow service on each selected object.

    `service` takes its object as the first keyword-only argument (`vendor=`, `job_posting=`) and
    `actor=`; `inputs` names the WorkflowActionForm fields passed on (`reason`, `days`). The action
    needs the model admin's "moderate" permission (`has_moderate_permission`).
    """
    object_param = next(iter(inspect.signature(service).parameters))

    def action(modeladmin, request, queryset):
        form = WorkflowInputsForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label
                modeladmin.message_user(request, f"{label}: {' '.join(errors)} Nothing was changed.", messages.ERROR)
            return
        extra = {field: form.cleaned_data[field] for field in inputs}
        run_workflow_action(
            modeladmin,
            request,
            queryset,
            lambda obj: service(**{object_param: obj}, actor=request.user, **extra),
            done_message,
        )

    action.__name__ = name
    return admin.action(description=description, permissions=["moderate"])(action)


def country_filter(field_path: str, title: str = "country") -> type[admin.SimpleListFilter]:
    """A list filter offering only the countries that occur in `field_path`, not all 249."""

    class CountryPresentFilter(admin.SimpleListFilter):
        parameter_name = field_path.replace("__", "_")

        def lookups(self, request, model_admin):
            codes = (
                model_admin.model._default_manager.exclude(**{field_path: ""})
                .order_by()
                .values_list(field_path, flat=True)
                .distinct()
            )
            return sorted(((code, countries.name(code)) for code in codes if code), key=lambda c: c[1])

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_path: self.value()}).distinct()
            return queryset

    CountryPresentFilter.title = title
    return CountryPresentFilter
