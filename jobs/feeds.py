"""Atom feeds of the job board: /jobs/feed/ takes the list's query string, so any search can be followed."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.search import page_keys
from jobs.filters import JobFilter
from jobs.models import JobPosting

FEED_SIZE = 50


@dataclass(frozen=True)
class Search:
    """The feed's object: the filtered search and its query string (the Feed instance is shared by requests)."""

    filterset: JobFilter
    query: str


class JobPostingFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "The newest customer service jobs on BPO Portal."

    def get_object(self, request, *args, **kwargs):
        # The feed's "object" is the filtered search; invalid filters are left out, as on the list page.
        filterset = JobFilter(request.GET, queryset=JobPosting.objects.published().for_cards())
        return Search(filterset, request.GET.urlencode())

    def title(self, search):
        return "CSR jobs matching your search · BPO Portal" if search.query else "Newest CSR jobs · BPO Portal"

    def link(self, search):
        url = reverse("jobs:job_posting_list")
        return f"{url}?{search.query}" if search.query else url

    def feed_url(self, search):
        url = reverse("jobs:feed")
        return f"{url}?{search.query}" if search.query else url

    def items(self, search):
        # The first FEED_SIZE keys, read as the list reads a page (a search tier by tier: never every match
        # ranked and sorted), then those postings in the same order.
        postings = search.filterset.qs
        return postings.filter(pk__in=page_keys(postings, slice(0, FEED_SIZE)))

    def item_title(self, posting):
        return f"{posting.title} at {posting.employer.name}"

    def item_description(self, posting):
        place = ", ".join(part for part in [posting.city, posting.country.name] if part)
        parts = [place, posting.get_work_arrangement_display(), posting.get_shift_display()]
        if posting.salary_min is not None or posting.salary_max is not None:
            low, high = posting.salary_min, posting.salary_max
            if low is not None and high is not None and low != high:
                amount = f"{low:,.0f} to {high:,.0f}"
            elif low is None:
                amount = f"up to {high:,.0f}"
            else:
                amount = f"{low:,.0f}"
            parts.append(f"{posting.salary_currency} {amount} {posting.get_salary_period_display()}")
        skills = ", ".join(r.skill.name for r in posting.skill_requirements.all())
        if skills:
            parts.append(f"Skills: {skills}")
        return " · ".join(parts)

    def item_pubdate(self, posting):
        return posting.published_at

    def item_updateddate(self, posting):
        return posting.updated_at

    def item_author_name(self, posting):
        return posting.employer.name
