from django.urls import path

from jobs.views import JobPostingDetailView, JobPostingListView

app_name = "jobs"

urlpatterns = [
    path("", JobPostingListView.as_view(), name="job_posting_list"),
    path("<slug:slug>/", JobPostingDetailView.as_view(), name="job_posting_detail"),
]
