"""Public job board pages. Only published, unexpired postings exist for the public."""

from django.views.generic import DetailView, ListView

from jobs.models import JobPosting


class JobPostingListView(ListView):
    paginate_by = 25
    context_object_name = "job_postings"

    def get_queryset(self):
        return JobPosting.objects.published().select_related("employer").order_by("-published_at")


class JobPostingDetailView(DetailView):
    context_object_name = "job_posting"

    def get_queryset(self):
        return (
            JobPosting.objects.published()
            .select_related("employer", "employer__vendor", "client_industry")
            .prefetch_related(
                "skill_requirements__skill",
                "language_requirements__language",
                "certifications",
            )
        )
