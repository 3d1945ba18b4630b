"""The job seeker's pages: apply, my applications, saved jobs, my profile, and the private resume download."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from core.forms import add_service_errors
from directory.selectors import employers_of
from jobs.forms import ApplicationForm, SeekerLanguageFormSet, SeekerProfileForm
from jobs.models import Application, JobPosting, SavedJob, SeekerProfile
from jobs.selectors import resume_filename
from jobs.services.applications import AlreadyApplied, application_submit, forget_replaced_resume


@verified_email_required
def apply(request, slug):
    """Apply to an open posting: a cover note and a resume, or the profile's resume."""
    posting = get_object_or_404(JobPosting.objects.visible_to_public().select_related("employer"), slug=slug)
    previous = Application.objects.filter(job_posting=posting, applicant=request.user).first()
    if previous:
        messages.info(request, f"You applied to this job on {previous.created_at:%d %b %Y}.")
        return redirect("my_applications")
    has_profile_resume = SeekerProfile.objects.filter(user=request.user).exclude(resume="").exists()
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(
                job_posting=posting,
                applicant=request.user,
                cover_note=form.cleaned_data["cover_note"],
                resume=form.cleaned_data["resume"],
            )
        except AlreadyApplied as error:
            messages.info(request, error.message)
            return redirect("my_applications")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your application for {posting.title} was sent to {posting.employer.name}.")
            return redirect("my_applications")
    return render(
        request,
        "jobs/apply.html",
        {"job_posting": posting, "form": form, "has_profile_resume": has_profile_resume},
    )


@method_decorator(login_required, name="dispatch")
class MyApplicationsView(ListView):
    template_name = "jobs/my_applications.html"
    context_object_name = "applications"

    def get_queryset(self):
        return Application.objects.filter(applicant=self.request.user).select_related(
            "job_posting", "job_posting__employer"
        )


@method_decorator(login_required, name="dispatch")
class SavedJobsView(ListView):
    template_name = "jobs/saved_jobs.html"
    context_object_name = "saved_jobs"

    def get_queryset(self):
        return SavedJob.objects.filter(
            user=self.request.user, job_posting__in=JobPosting.objects.visible_to_public()
        ).select_related("job_posting", "job_posting__employer")


@login_required
@require_POST
def save_job(request, slug):
    posting = get_object_or_404(JobPosting.objects.visible_to_public(), slug=slug)
    if request.POST.get("action") == "remove":
        SavedJob.objects.filter(user=request.user, job_posting=posting).delete()
        messages.success(request, f"{posting.title} is off your saved jobs.")
    else:
        SavedJob.objects.get_or_create(user=request.user, job_posting=posting)
        messages.success(request, f"{posting.title} is in your saved jobs.")
    return redirect(posting.get_absolute_url())


@login_required
def seeker_profile(request):
    profile, _ = SeekerProfile.objects.get_or_create(user=request.user)
    form = SeekerProfileForm(request.POST or None, request.FILES or None, instance=profile)
    languages = SeekerLanguageFormSet(request.POST or None, instance=profile)
    previous_resume = profile.resume.name
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        with transaction.atomic():
            form.save()
            languages.save()
            forget_replaced_resume(profile, previous_resume)
        messages.success(request, "Your profile is saved.")
        return redirect("seeker_profile")
    return render(request, "jobs/seeker_profile.html", {"form": form, "languages": languages})


@login_required
def resume_download(request, pk):
    """A resume goes to the person who sent it and to the members of the employer it was sent to; for anyone
    else it does not exist."""
    visible = Application.objects.filter(
        Q(applicant=request.user) | Q(job_posting__employer__in=employers_of(request.user))
    )
    application = get_object_or_404(visible, pk=pk)
    if not application.resume:
        raise Http404("No resume")
    response = FileResponse(application.resume.open("rb"), as_attachment=True, filename=resume_filename(application))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
