"""Reads of the job board, as chainable queryset methods."""

import operator
from datetime import datetime, timedelta
from functools import reduce

from django.apps import apps
from django.db import models
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from core.search import is_postgresql, relevance_tier, search_groups, vector_or_close_words
from core.sql import key_in_any, related_json_rows, with_related_json
from jobs.choices import (
    ENTRY_LEVEL_WORDS,
    POSTED_WITHIN,
    JobPostingStatus,
    SkillImportance,
    WorkArrangement,
    choices_matching,
)

# The columns behind a job card in the API (see `card_rows`).
CARD_COLUMNS = (
    *("slug", "title", "status", "employer__name", "employer__slug", "employer__vendor_id", "city", "country"),
    *("work_arrangement", "employment_type", "shift", "role", "account_type", "call_direction"),
    *("salary_min", "salary_max", "salary_currency", "salary_period", "min_experience_years", "education_level"),
    *("min_typing_wpm", "openings", "published_at", "expires_at"),
)

# The published postings' newest-first order (`by_relevance` without text, and ordering=-posted_at) is indexed
# alone and after each common filter, on PostgreSQL (migrations 0008, 0009, 0016, 0024 and 0027, which carry their
# own copy of this table: a change here is a new migration): index name -> leading columns.
NEWEST_FIRST_SQL = "published_at DESC NULLS LAST, id DESC"
NEWEST_FIRST_INDEXES = {
    "job_pub_newest_idx": "",
    "job_pub_country_newest_idx": "country, work_arrangement, ",
    "job_pub_arr_newest_idx": "work_arrangement, ",
    "job_pub_shift_newest_idx": "shift, ",
    "job_pub_account_newest_idx": "account_type, ",
    "job_pub_city_newest_idx": "upper((city)::text), ",  # migration 0016; the city filter is case-insensitive
    "job_pub_country_account_newest_idx": "country, account_type, ",  # migration 0027; similar jobs read it
}


# How many of the newest postings per skill `similar_to` weighs (and of the newest of the same account type and
# country).
SIMILAR_CANDIDATES = 300


def employer_kind():
    """ "bpo" when the posting's employer is a vendor of the directory, else "in_house": the employer-type filter's
    values, as an expression over the posting."""
    return Case(When(employer__vendor__isnull=False, then=Value("bpo")), default=Value("in_house"))


def posted_band(now: datetime, older=None):
    """The narrowest band of the posted-within filter (days) the posting was published within at `now`; `older`
    (None, or a number) beyond every band."""
    return Case(
        *(When(published_at__gte=now - timedelta(days=days), then=Value(days)) for days, _ in POSTED_WITHIN),
        default=Value(older),
        output_field=IntegerField(),
    )


class JobPostingQuerySet(models.QuerySet):
    search_scope = "jobs"  # which of the curators' search synonyms apply (core.search)

    def published(self, now: datetime | None = None):
        """What the public sees: published and not past its expiry date, even before the expiry job has run."""
        return self.filter(status=JobPostingStatus.PUBLISHED, expires_at__gt=now or timezone.now())

    def pending_review(self):
        return self.filter(status=JobPostingStatus.PENDING)

    def due_to_expire(self, now: datetime | None = None):
        """Published postings whose expiry date has passed; `expire_job_postings` moves them to expired."""
        return self.filter(status=JobPostingStatus.PUBLISHED, expires_at__lte=now or timezone.now())

    def remote(self):
        return self.filter(work_arrangement=WorkArrangement.REMOTE)

    def by_employer(self, employer):
        return self.filter(employer=employer)

    def visible_to_public(self):
        """Postings with a public page: published ones, and closed or expired ones (old links still answer), each
        showing text a curator approved. So the posting was approved once (one closed before that is withdrawn
        and has no page, whatever happens to it later), and its row holds no unreviewed edit (`approved_version`
        is empty: closing an edited posting restores the approved text, `job_posting_close`). The constraints
        job_public_was_approved and job_public_text_approved hold the same rule in the database."""
        return self.filter(
            status__in=JobPostingStatus.approved_statuses(),
            published_at__isnull=False,
            approved_version__isnull=True,
        )

    def search(self, text: str, exact: bool = False):
        """On PostgreSQL: the stored search vector matches (web-search syntax), or, when nothing matches the words
        as typed, the closest words of the titles do (`core.search.searched_words`: "custmer suport" still finds
        customer support). Elsewhere: every word of
        `text` appears in the title, description, benefits, city, employer, client industry, a skill or the
        words of the posting's choices (jobs.choices.SEARCH_WORDS). On both, a phrase of the search synonyms
        (`wfh`, `CSR`, `fresh grad`) matches any of its alternatives instead."""
        if is_postgresql():
            return vector_or_close_words(self, text, exact=exact)

        queryset = self
        for alternatives in search_groups(text, self.search_scope):
            queryset = queryset.filter(reduce(operator.or_, (self._mentions(phrase) for phrase in alternatives)))
        return queryset

    def _mentions(self, phrase: str) -> Q:
        """Where SQLite's search looks for a word or a phrase."""
        asks_for = self.model.skills.rel.model.objects.filter(job_postings=OuterRef("pk"), name__icontains=phrase)
        condition = (
            Q(title__icontains=phrase)
            | Q(description__icontains=phrase)
            | Q(benefits__icontains=phrase)
            | Q(city__icontains=phrase)
            | Q(employer__name__icontains=phrase)
            | Q(client_industry__name__icontains=phrase)
            | Exists(asks_for)
        )
        for field, values in choices_matching(phrase).items():
            condition |= Q(**{f"{field}__in": values})
        if phrase.lower() in ENTRY_LEVEL_WORDS:
            condition |= Q(min_experience_years=0)
        return condition

    def by_relevance(self, text: str = ""):
        """Best match first, then the newest. PostgreSQL: postings with every word in the title, then in the title,
        skills, employer or city, then anywhere (`relevance_tier`; a search of misspelled words is ranked with its
        corrected words, `FacetedFilterSet.search_text`). Elsewhere: a title containing the text first."""
        newest = (F("published_at").desc(nulls_last=True), "-pk")  # as ordering=-posted_at, and the indexes
        if not text.strip():
            return self.order_by(*newest)
        if is_postgresql():
            tier = relevance_tier(text, scope=self.search_scope)
            return self.annotate(relevance_tier=tier).order_by("relevance_tier", *newest)
        title_match = Case(When(title__icontains=text.strip(), then=Value(1)), default=Value(0))
        return self.order_by(title_match.desc(), *newest)

    def for_cards(self):
        """What a job card in a list or feed shows, in one query (the skills as JSON: `with_related_json`)."""
        return with_related_json(self.select_related("employer"), "skill_requirements__skill")

    def card_rows(self):
        """Dicts of what a job card in the API list shows, in one query whatever the page size: the posting's
        columns, its employer's, and its skills, languages and certifications as JSON arrays (unordered:
        `JobPostingSerializer.card` orders them as the serializer would)."""
        skills = self.model.skill_requirements.rel.related_model.objects.all()
        languages = self.model.language_requirements.rel.related_model.objects.all()
        certifications = self.model.certifications.rel.model.objects.all()
        return (
            self.prefetch_related(None)
            .annotate(
                skill_rows=related_json_rows(
                    skills, "job_posting", "importance", "skill__position", "skill__slug", "skill__name"
                ),
                language_rows=related_json_rows(languages, "job_posting", "language__name", "language__code", "level"),
                certification_rows=related_json_rows(certifications, "job_postings", "position", "name", "slug"),
            )
            .values(*CARD_COLUMNS, "skill_rows", "language_rows", "certification_rows")
        )

    def for_page(self):
        """What a posting's page shows, in one query (its skills, languages and certifications as JSON)."""
        return with_related_json(
            self.select_related("employer", "employer__vendor", "client_industry"),
            "skill_requirements__skill",
            "language_requirements__language",
            "certifications",
        )

    def similar_to(self, posting, limit: int = 5):
        """Open postings sharing the most skills with `posting`, then the same account type and country; newest
        first among equals. The candidates are bounded, so a page costs the same at any size of the board: the
        `SIMILAR_CANDIDATES` newest postings asking for each of its skills (the (skill, posting) index read
        backwards), and as many of the newest of its account type in its country (the postings' own index). The
        candidates are ranked on their keys alone, and only the `limit` chosen are read whole: ranked with every
        column (the description, the search vector), the sort of a thousand candidates spilled to disk."""
        skill_ids = [requirement.skill_id for requirement in posting.skill_requirements.all()]
        requirements = self.model.skill_requirements.rel.related_model.objects
        parts = [
            self.published()
            .filter(account_type=posting.account_type, country=posting.country)
            .order_by(F("published_at").desc(nulls_last=True), "-pk")  # a range of its newest-first index
            .values_list("pk", flat=True)[:SIMILAR_CANDIDATES],
            *(
                requirements.filter(skill_id=skill_id)
                .order_by("-job_posting_id")
                .values_list("job_posting_id", flat=True)[:SIMILAR_CANDIDATES]
                for skill_id in skill_ids
            ),
        ]
        shared_skills = Count("skills", filter=Q(skills__in=skill_ids), distinct=True)
        order = ("-shared_skills", "-published_at", "-pk")
        chosen = (
            self.published()
            .exclude(pk=posting.pk)
            .filter(key_in_any(parts))
            .annotate(shared_skills=shared_skills)
            .order_by(*order)
            .values("pk")[:limit]
        )
        return (
            self.filter(pk__in=chosen).annotate(shared_skills=shared_skills).order_by(*order).select_related("employer")
        )

    def by_match(self, user):
        """Postings whose required skills the user's profile covers best first: fewest required skills missing,
        then most skills held, then newest. Without a profile, newest first."""
        profile = apps.get_model("jobs", "SeekerProfile").objects.filter(user=user).first()
        if profile is None:
            return self.order_by("-published_at", "-pk")
        held = profile.skills.values("pk")
        return self.annotate(
            missing_required=Count(
                "skill_requirements",
                filter=Q(skill_requirements__importance=SkillImportance.REQUIRED)
                & ~Q(skill_requirements__skill__in=held),
                distinct=True,
            ),
            skills_held=Count("skill_requirements", filter=Q(skill_requirements__skill__in=held), distinct=True),
        ).order_by("missing_required", "-skills_held", "-published_at", "-pk")
