from django.urls import path

from jobs.feeds import JobPostingFeed
from jobs.views import public, seeker

app_name = "jobs"

urlpatterns = [
    path("", public.JobPostingListView.as_view(), name="job_posting_list"),
    path("feed/", JobPostingFeed(), name="feed"),
    path("remote/", public.RemoteJobPostingListView.as_view(), name="remote"),
    path("countries/<str:code>/", public.CountryJobPostingListView.as_view(), name="country"),
    path("skills/<slug:slug>/", public.SkillJobPostingListView.as_view(), name="skill"),
    path("employers/<slug:slug>/", public.EmployerJobPostingListView.as_view(), name="employer"),
    path("<slug:slug>/", public.JobPostingDetailView.as_view(), name="job_posting_detail"),
    path("<slug:slug>/apply/", seeker.apply, name="apply"),
    path("<slug:slug>/save/", seeker.save_job, name="save"),
]
