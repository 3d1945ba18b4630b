from django.urls import path

from jobs import seeker_views, views
from jobs.feeds import JobPostingFeed

app_name = "jobs"

urlpatterns = [
    path("", views.JobPostingListView.as_view(), name="job_posting_list"),
    path("feed/", JobPostingFeed(), name="feed"),
    path("remote/", views.RemoteJobPostingListView.as_view(), name="remote"),
    path("countries/<str:code>/", views.CountryJobPostingListView.as_view(), name="country"),
    path("skills/<slug:slug>/", views.SkillJobPostingListView.as_view(), name="skill"),
    path("employers/<slug:slug>/", views.EmployerJobPostingListView.as_view(), name="employer"),
    path("<slug:slug>/", views.JobPostingDetailView.as_view(), name="job_posting_detail"),
    path("<slug:slug>/apply/", seeker_views.apply, name="apply"),
    path("<slug:slug>/save/", seeker_views.save_job, name="save"),
]
