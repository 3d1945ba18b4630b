"""Public job board pages. Open postings are listed; closed and expired ones keep their page (people follow
old links) but say so, with the text a curator approved; drafts, pending, rejected and withdrawn postings do not
exist for the public (`JobPostingQuerySet.visible_to_public`)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView
from django_countries import countries

from core.facets import vocabulary_term
from core.listing import FacetedListView
from directory.models import Employer
from jobs.filters import JobFilter
from jobs.matching import job_match
from jobs.models import JobPosting, Skill
from jobs.selectors import seeker_profile_of
from jobs.structured_data import job_posting_json_ld

SORT_OPTIONS = [
    ("", "Newest first"),
    ("relevance", "Best match for the search"),
    ("match", "Best match for my profile"),
    ("-salary_max", "Highest salary"),
    ("posted_at", "Oldest first"),
]


class JobPostingListView(FacetedListView):
    filterset_class = JobFilter
    template_name = "jobs/jobposting_list.html"
    context_object_name = "job_postings"
    landing: dict | None = None

    def get_queryset(self):
        self.queryset = JobPosting.objects.published().for_cards()
        return super().get_queryset()

    def get_landing(self) -> dict | None:
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort_options"] = SORT_OPTIONS
        context["landing"] = self.get_landing()
        context["remote_only"] = "remote" in self.filterset.selected_values("work_arrangement")
        context["entry_level"] = self.filterset.form.cleaned_data.get("max_experience") == 0
        query = self.get_filter_data().urlencode()
        context["feed_query"] = f"?{query}" if query else ""
        return context


class RemoteJobPostingListView(JobPostingListView):
    fixed_filters = {"work_arrangement": ["remote"]}

    def get_landing(self):
        return {
            "title": "Remote customer service jobs",
            "kicker": "Work from home",
            "intro": "CSR, chat, email and technical support jobs you can do from home. Most still ask for a quiet "
            "room, a wired connection and a minimum internet speed, and many hire only in one country: check each "
            "posting's location.",
        }


class CountryJobPostingListView(JobPostingListView):
    def get(self, request, *args, **kwargs):
        if kwargs["code"].upper() in countries and kwargs["code"] != kwargs["code"].lower():
            # One address per country page: /countries/ph/, whatever case was typed.
            path = request.path.replace(f"/{kwargs['code']}/", f"/{kwargs['code'].lower()}/")
            query = request.GET.urlencode()
            return redirect(f"{path}?{query}" if query else path, permanent=True)
        self.country_code = kwargs["code"].upper()
        if self.country_code not in countries:
            raise Http404("No such country")
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"country": [self.country_code]}

    def get_landing(self):
        name = countries.name(self.country_code)
        return {
            "title": f"Customer service jobs in {name}",
            "kicker": "Jobs by country",
            "intro": f"Open CSR, technical support and back-office jobs based in {name}, and remote jobs open to "
            f"people living there.",
        }


class SkillJobPostingListView(JobPostingListView):
    def get(self, request, *args, **kwargs):
        self.skill = vocabulary_term(Skill.objects.all(), "slug", kwargs["slug"])
        if self.skill is None:
            raise Http404("No such skill")
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"skill": [self.skill.slug]}

    def get_landing(self):
        return {
            "title": f"Jobs asking for {self.skill.name}",
            "kicker": self.skill.get_kind_display(),
            "intro": f"Open customer service jobs that list {self.skill.name} as a required or preferred skill.",
        }


class EmployerJobPostingListView(JobPostingListView):
    def get(self, request, *args, **kwargs):
        self.employer = get_object_or_404(Employer.objects.select_related("vendor"), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"employer": [self.employer.slug]}

    def get_landing(self):
        vendor = self.employer.vendor
        return {
            "title": f"Jobs at {self.employer.name}",
            "kicker": "BPO employer" if self.employer.is_bpo else "In-house team",
            "intro": self.employer.description,
            "vendor": vendor if vendor and vendor.is_public else None,
        }


class JobPostingDetailView(DetailView):
    context_object_name = "job_posting"
    template_name = "jobs/jobposting_detail.html"

    def get_queryset(self):
        return JobPosting.objects.visible_to_public().for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        posting = self.object
        context["similar_jobs"] = JobPosting.objects.similar_to(posting)
        profile = seeker_profile_of(self.request.user)
        if profile is not None:
            context["job_match"] = job_match(profile, posting)
        if posting.is_open:
            context["json_ld"] = job_posting_json_ld(posting, self.request.build_absolute_uri)
        return context
