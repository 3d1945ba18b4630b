"""The employer's signed-in pages: the posting forms, the posting actions and the applicant pipeline. Another
organization's postings and applications are 404. The dashboard that lists them is dashboard/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.selectors import has_verified_email
from core.forms import add_service_errors
from core.markdown import render_markdown
from directory.selectors import employers_of
from jobs.choices import SkillImportance
from jobs.forms import JobPostingForm, LanguageRequirementFormSet, StageForm, formset_languages
from jobs.models import Application
from jobs.selectors import own_postings
from jobs.services.applications import application_move
from jobs.services.postings import (
    job_posting_close,
    job_posting_create,
    job_posting_submit,
    job_posting_update,
)


def requirements_initial(posting) -> tuple[dict, list[dict]]:
    """A posting's skills and languages as the posting form and its languages formset start from them."""
    skills = list(posting.skill_requirements.select_related("skill"))
    initial = {
        "required_skills": [r.skill for r in skills if r.importance == SkillImportance.REQUIRED],
        "preferred_skills": [r.skill for r in skills if r.importance == SkillImportance.PREFERRED],
    }
    languages = [{"language": r.language, "level": r.level} for r in posting.language_requirements.all()]
    return initial, languages


def _posting_form_page(request, posting=None, copy_of=None):
    """Create (or, with `copy_of`, create from a copy of another posting) or edit a posting."""
    employers = list(employers_of(request.user).order_by("name"))
    if not employers:
        messages.error(request, "Only members of an employer or a BPO vendor can post jobs.")
        return redirect("dashboard")
    if not has_verified_email(request.user):
        messages.error(request, "Confirm your email address before you post a job.")
        return redirect("dashboard")
    initial, language_initial = {}, None
    source = posting or copy_of
    if source is not None:
        initial, language_initial = requirements_initial(source)
    if copy_of is not None:
        initial |= {name: getattr(copy_of, name) for name in JobPostingForm.Meta.fields}
    form = JobPostingForm(request.POST or None, instance=posting, initial=initial)
    languages = LanguageRequirementFormSet(request.POST or None, prefix="languages", initial=language_initial)
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        arguments = form.service_arguments(formset_languages(languages))
        try:
            if posting is None:
                employer = next((e for e in employers if e.slug == request.POST.get("employer")), employers[0])
                posting = job_posting_create(employer=employer, actor=request.user, **arguments)
                messages.success(request, f"“{posting.title}” is waiting for a curator's review.")
            else:
                posting = job_posting_update(job_posting=posting, actor=request.user, **arguments)
                messages.success(request, f"Your changes to “{posting.title}” are waiting for a curator's review.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("dashboard")
    return render(
        request,
        "jobs/posting_form.html",
        {"form": form, "languages": languages, "posting": posting, "employers": employers, "duplicate_of": copy_of},
    )


@login_required
def posting_create(request):
    return _posting_form_page(request)


@login_required
def posting_edit(request, slug):
    posting = get_object_or_404(own_postings(request.user), slug=slug)
    return _posting_form_page(request, posting)


@login_required
def posting_duplicate(request, slug):
    """A new form filled in from an existing posting (any status), to post the same role again."""
    return _posting_form_page(request, copy_of=get_object_or_404(own_postings(request.user), slug=slug))


@login_required
@require_POST
def posting_action(request, slug, action):
    """Submit a draft or rejected posting for review, or close a posting."""
    posting = get_object_or_404(own_postings(request.user), slug=slug)
    service = {"submit": job_posting_submit, "close": job_posting_close}.get(action)
    if service is None:
        return redirect("dashboard")
    try:
        posting = service(job_posting=posting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # Closing a posting never approved withdraws it; closing an unreviewed edit restores the approved title.
        done = "sent for review" if action == "submit" else posting.get_status_display().lower()
        messages.success(request, f"“{posting.title}” is {done}.")
    return redirect("dashboard")


@login_required
@require_POST
def markdown_preview(request):
    """The description as the job page will show it (htmx posts the textarea here)."""
    text = request.POST.get("description", "")[:20000]
    return HttpResponse(render_markdown(text) or "<p class='muted'>Nothing to preview yet.</p>")


@login_required
def posting_applications(request, slug):
    posting = get_object_or_404(own_postings(request.user).select_related("employer"), slug=slug)
    applications = posting.applications.select_related("applicant").order_by("created_at")
    return render(
        request,
        "jobs/posting_applications.html",
        {
            "job_posting": posting,
            "rows": [
                (application, StageForm(instance=application, prefix=f"a{application.pk}"))
                for application in applications
            ],
            "stages": Application.Stage.choices,
        },
    )


@login_required
@require_POST
def application_stage(request, pk):
    application = get_object_or_404(
        Application.objects.filter(job_posting__employer__in=employers_of(request.user)).select_related("job_posting"),
        pk=pk,
    )
    form = StageForm(request.POST, instance=Application(stage=application.stage), prefix=f"a{application.pk}")
    if form.is_valid():
        with transaction.atomic():
            application = application_move(
                application=application,
                actor=request.user,
                stage=form.cleaned_data["stage"],
                note=form.cleaned_data["employer_note"],
            )
        messages.success(
            request,
            f"{application.applicant.username} is now at “{application.get_stage_display()}” for "
            f"{application.job_posting.title}.",
        )
    else:
        messages.error(request, "Choose one of the pipeline's stages.")
    return redirect("dashboard_applications", slug=application.job_posting.slug)
