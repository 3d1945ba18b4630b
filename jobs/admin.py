"""The curators' tools for the job board."""

from django.contrib import admin

from core.admin_tools import WorkflowActionForm, country_filter, workflow_action
from directory.admin import TaxonomyAdmin
from jobs.models import (
    Certification,
    JobLanguageRequirement,
    JobPosting,
    JobPostingReviewQueue,
    JobSkillRequirement,
    Skill,
)
from jobs.services import postings


@admin.register(Skill)
class SkillAdmin(TaxonomyAdmin):
    list_display = ("name", "slug", "kind", "position")
    list_filter = ("kind",)


@admin.register(Certification)
class CertificationAdmin(TaxonomyAdmin):
    list_display = ("name", "issuer", "slug", "position")


class JobSkillRequirementInline(admin.TabularInline):
    model = JobSkillRequirement
    extra = 0
    autocomplete_fields = ("skill",)


class JobLanguageRequirementInline(admin.TabularInline):
    model = JobLanguageRequirement
    extra = 0
    autocomplete_fields = ("language",)


class EmployerKindFilter(admin.SimpleListFilter):
    title = "employer kind"
    parameter_name = "employer_kind"

    def lookups(self, request, model_admin):
        return [("bpo", "BPO (listed vendor)"), ("in_house", "In-house team")]

    def queryset(self, request, queryset):
        if self.value() == "bpo":
            return queryset.filter(employer__vendor__isnull=False)
        if self.value() == "in_house":
            return queryset.filter(employer__vendor__isnull=True)
        return queryset


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "status",
        "country",
        "city",
        "work_arrangement",
        "shift",
        "account_type",
        "published_at",
        "expires_at",
    )
    list_select_related = ("employer",)
    list_filter = (
        "status",
        "work_arrangement",
        "shift",
        "account_type",
        "role",
        "employment_type",
        EmployerKindFilter,
        country_filter("country"),
        ("employer", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "slug", "employer__name", "city")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("employer", "client_industry", "created_by")
    filter_horizontal = ("certifications",)
    inlines = (JobSkillRequirementInline, JobLanguageRequirementInline)
    readonly_fields = (
        "status",
        "status_changed_at",
        "status_changed_by",
        "rejection_reason",
        "published_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "slug", "employer", "description", "created_by")}),
        ("Where and when", {"fields": ("city", "country", "work_arrangement", "employment_type", "shift")}),
        ("The account", {"fields": ("role", "account_type", "call_direction", "client_industry", "openings")}),
        ("Pay", {"fields": (("salary_min", "salary_max"), ("salary_currency", "salary_period"), "benefits")}),
        (
            "What it asks",
            {"fields": ("min_experience_years", "education_level", "min_typing_wpm", "certifications")},
        ),
        (
            "Moderation",
            {
                "fields": (
                    ("status", "status_changed_at", "status_changed_by"),
                    "rejection_reason",
                    ("published_at", "expires_at"),
                    ("created_at", "updated_at"),
                )
            },
        ),
    )
    action_form = WorkflowActionForm
    actions = (
        workflow_action("approve", "Approve and publish", postings.job_posting_approve, "published"),
        workflow_action(
            "reject", "Reject (give the reason in the box)", postings.job_posting_reject, "rejected", inputs=["reason"]
        ),
        workflow_action("close", "Close", postings.job_posting_close, "closed"),
        workflow_action(
            "extend", "Extend (days in the box; default 60)", postings.job_posting_extend, "extended", inputs=["days"]
        ),
        workflow_action("expire", "Expire (only those past their expiry date)", postings.job_posting_expire, "expired"),
    )
    list_per_page = 50
    # The exact total of a million-row table costs a full count on every page; show the filtered count only.
    show_full_result_count = False

    def has_moderate_permission(self, request):
        return request.user.has_perm("jobs.moderate_jobposting")


@admin.register(JobPostingReviewQueue)
class JobPostingReviewQueueAdmin(JobPostingAdmin):
    """Postings waiting for a curator, oldest submission first."""

    list_display = ("title", "employer", "country", "city", "shift", "account_type", "status_changed_at")
    list_filter = ("work_arrangement", "shift", "account_type", EmployerKindFilter, country_filter("country"))
    actions = tuple(a for a in JobPostingAdmin.actions if a.__name__ in {"approve", "reject"})

    ordering = ("status_changed_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).pending_review()
