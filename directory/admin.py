"""The curators' tools for the directory."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, When
from django.forms import CheckboxSelectMultiple
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.admin_tools import WorkflowActionForm, country_filter, workflow_action
from directory.models import (
    CallCenterType,
    Channel,
    ClaimRequest,
    ComplianceStandard,
    DeliveryCenter,
    Employer,
    Industry,
    Inquiry,
    Language,
    Membership,
    Review,
    ServiceType,
    ShoreModel,
    Vendor,
    VendorCertification,
    VendorReviewQueue,
    VendorRevision,
)
from directory.services import business, certifications, organizations, vendors


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ServiceType)
class ServiceTypeAdmin(TaxonomyAdmin):
    list_display = ("name", "slug", "category", "position", "vendor_count")
    list_filter = ("category",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(vendor_count=Count("vendors"))

    @admin.display(ordering="vendor_count", description="vendors")
    def vendor_count(self, obj):
        return obj.vendor_count


admin.site.register([Industry, ComplianceStandard, Channel, ShoreModel, CallCenterType], TaxonomyAdmin)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


class DeliveryCenterInline(admin.TabularInline):
    model = DeliveryCenter
    extra = 0
    fields = (*vendors.CENTER_FIELDS, "languages")


class MembershipInline(admin.TabularInline):
    """The organization's members, to read (and remove). Nobody adds or changes one here, curators and
    superusers alike: a member reads the organization's applicants' resumes, and a curator's grant goes through
    "Memberships > Add", which records why and tells the owners."""

    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = ("user", "role", "created_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "status",
        "verified",
        "featured",
        "headquarters_country",
        "center_count",
        "total_seats",
        "hourly_rate_min",
        "hours",
        "published_at",
    )
    list_filter = (
        "status",
        "verified",
        "featured",
        "hours",
        "services",
        "shore_models",
        "call_center_types",
        "channels",
        country_filter("centers__country", "delivery country"),
    )
    search_fields = ("name", "slug", "tagline", "contact_email")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("services", "languages", "industries")
    inlines = (DeliveryCenterInline, MembershipInline)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        vendors.vendor_figures_derive(vendor=form.instance)  # a vendor's hours, rates and languages are its centers'

    readonly_fields = (
        "status",
        "status_changed_at",
        "status_changed_by",
        "rejection_reason",
        "published_at",
        "verified",
        "verified_at",
        "verified_by",
        "featured",
        "featured_at",
        "featured_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("name", "slug", "tagline", "description", "website", "logo")}),
        ("Company", {"fields": ("founded_year", "headquarters_country", "employees")}),
        (
            "What it offers",
            {
                "fields": (
                    "services",
                    "shore_models",
                    "call_center_types",
                    "channels",
                    "languages",
                    "industries",
                    "compliance_standards",
                    "hours",
                )
            },
        ),
        (
            "Pricing and engagement",
            {"fields": ("pricing_model", "hourly_rate_min", "hourly_rate_max", "min_seats", "min_contract_months")},
        ),
        ("Private contact", {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (
            "Moderation",
            {
                "fields": (
                    ("status", "status_changed_at", "status_changed_by"),
                    "rejection_reason",
                    "published_at",
                    ("verified", "verified_at", "verified_by"),
                    ("featured", "featured_at", "featured_by"),
                    ("created_at", "updated_at"),
                )
            },
        ),
    )
    action_form = WorkflowActionForm
    actions = (
        workflow_action("approve", "Approve and publish", vendors.vendor_approve, "published"),
        workflow_action(
            "reject", "Reject (give the reason in the box)", vendors.vendor_reject, "rejected", inputs=["reason"]
        ),
        workflow_action("verify", "Verify", vendors.vendor_verify, "verified"),
        workflow_action("unverify", "Remove verified badge", vendors.vendor_unverify, "unverified"),
        workflow_action("feature", "Feature", vendors.vendor_feature, "featured"),
        workflow_action("unfeature", "Stop featuring", vendors.vendor_unfeature, "no longer featured"),
        workflow_action("archive", "Archive", vendors.vendor_archive, "archived"),
    )
    date_hierarchy = "created_at"
    list_per_page = 50

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Short fixed vocabularies read best as checkboxes.
        if db_field.name in {"shore_models", "call_center_types", "channels", "compliance_standards"}:
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).with_center_totals()

    @admin.display(ordering="center_count", description="centers")
    def center_count(self, obj):
        return obj.center_count

    @admin.display(ordering="total_seats", description="seats")
    def total_seats(self, obj):
        return obj.total_seats

    def has_moderate_permission(self, request):
        return request.user.has_perm("directory.moderate_vendor")


@admin.register(VendorReviewQueue)
class VendorReviewQueueAdmin(VendorAdmin):
    """Vendors waiting for a curator, oldest submission first."""

    list_display = ("name", "headquarters_country", "center_count", "total_seats", "status_changed_at", "verified")
    list_filter = ("verified", "services", country_filter("centers__country", "delivery country"))
    actions = tuple(a for a in VendorAdmin.actions if a.__name__ in {"approve", "reject", "verify", "archive"})
    date_hierarchy = None

    ordering = ("status_changed_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).pending_review()


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "vendor", "headquarters_country", "job_posting_count", "created_at")
    list_select_related = ("vendor",)
    list_filter = (("vendor", admin.EmptyFieldListFilter),)
    search_fields = ("name", "slug", "vendor__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("vendor",)
    inlines = (MembershipInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(job_posting_count=Count("job_postings"))

    @admin.display(ordering="job_posting_count", description="job postings")
    def job_posting_count(self, obj):
        return obj.job_posting_count


class MembershipGrantForm(forms.ModelForm):
    """A curator's grant of a membership to someone else: the organization, the person, the role and why."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Why this person joins without an invitation. Written to the organization's history and mailed "
        "to its owners.",
    )

    class Meta:
        model = Membership
        fields = ("vendor", "employer", "user", "role")

    def clean(self):
        cleaned = super().clean()
        user, reason = cleaned.get("user"), cleaned.get("reason", "")
        if user is not None:
            try:
                organizations.membership_grant_check(user=user, actor=self.actor, reason=reason)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships to read and remove; "Add" is a curator's audited grant (organizations.membership_grant_by_curator)
    to someone else. No membership is changed here: switching its user or organization would be a grant that
    nobody is told about."""

    list_display = ("user", "vendor", "employer", "role", "created_at")
    list_select_related = ("user", "vendor", "employer")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "vendor__name", "employer__name")
    autocomplete_fields = ("user", "vendor", "employer")
    form = MembershipGrantForm

    def has_change_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        membership = organizations.membership_grant_by_curator(
            organization=data["vendor"] or data["employer"],
            user=data["user"],
            role=data["role"],
            reason=data["reason"],
            actor=request.user,
        )
        obj.pk, obj.created_at = membership.pk, membership.created_at


@admin.register(VendorCertification)
class VendorCertificationAdmin(admin.ModelAdmin):
    """Certifications vendors say they hold. A curator reads the evidence and checks it; from then until its
    expiry it counts on the profile, in the filters and in the matcher. Changing the details unchecks it."""

    list_display = ("standard", "vendor", "issuer", "valid_until", "checked")
    list_filter = ("standard", ("checked_at", admin.EmptyFieldListFilter))
    list_select_related = ("standard", "vendor")
    search_fields = ("vendor__name", "issuer")
    autocomplete_fields = ("vendor",)
    readonly_fields = ("checked_at", "checked_by", "created_at")
    actions = (
        workflow_action(
            "check", "Checked: the evidence shows this certification", certifications.certification_check, "checked"
        ),
        workflow_action("uncheck", "Uncheck (it stops counting)", certifications.certification_uncheck, "unchecked"),
    )

    @admin.display(boolean=True, description="checked")
    def checked(self, certification):
        return certification.checked_at is not None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data and obj.checked_at is not None:
            certifications.certification_uncheck(certification=obj, actor=request.user)

    def has_moderate_permission(self, request):
        return request.user.has_perm("directory.change_vendorcertification")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The curators' queue of reviews: pending first, oldest first. Approved reviews feed the vendor's rating."""

    list_display = ("vendor", "author", "overall", "status", "created_at", "has_reply")
    list_filter = ("status", "overall")
    list_select_related = ("vendor", "author")
    search_fields = ("vendor__name", "author__username", "text")
    # The author's words and scores are theirs: curators approve or reject, they do not rewrite.
    readonly_fields = (
        "vendor",
        "author",
        "overall",
        "quality",
        "communication",
        "value",
        "reliability",
        "text",
        "status",
        "rejection_reason",
        "reply",
        "replied_at",
        "created_at",
    )
    fields = (
        "vendor",
        "author",
        ("overall", "quality", "communication", "value", "reliability"),
        "text",
        "status",
        "rejection_reason",
        "reply",
        "replied_at",
        "created_at",
    )
    action_form = WorkflowActionForm
    actions = (
        workflow_action("approve", "Approve and publish", business.review_approve, "approved"),
        workflow_action(
            "reject",
            "Reject (give the reason in the box; it is emailed to the author)",
            business.review_reject,
            "rejected",
            inputs=["reason"],
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .order_by(Case(When(status=Review.Status.PENDING, then=0), default=1), "created_at")
        )

    @admin.display(boolean=True, description="replied")
    def has_reply(self, review):
        return bool(review.reply)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("directory.change_review")


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ("vendor", "name", "company", "email", "seats", "status", "created_at")
    list_filter = ("status", "budget")
    list_select_related = ("vendor",)
    search_fields = ("vendor__name", "name", "company", "email")
    readonly_fields = [field.name for field in Inquiry._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(VendorRevision)
class VendorRevisionAdmin(admin.ModelAdmin):
    """Members' edits to published profiles, waiting for a curator; approving applies them as a whole."""

    list_display = ("vendor", "submitted_by", "status", "created_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("vendor", "submitted_by")
    readonly_fields = ("vendor", "submitted_by", "proposed", "status", "rejection_reason", "decided_at", "decided_by")
    exclude = ("changes",)
    action_form = WorkflowActionForm
    actions = (
        workflow_action("approve", "Approve and publish the changes", organizations.vendor_revision_approve, "applied"),
        workflow_action(
            "reject",
            "Reject (give the reason in the box; it is emailed to the member)",
            organizations.vendor_revision_reject,
            "rejected",
            inputs=["reason"],
        ),
    )

    @admin.display(description="proposed changes")
    def proposed(self, revision):
        vendor = revision.vendor
        rows = []
        for name, value in revision.changes.get("fields", {}).items():
            rows.append(format_html("<tr><th>{}</th><td>{}</td><td>{}</td></tr>", name, getattr(vendor, name), value))
        for name, keys in revision.changes.get("relations", {}).items():
            rows.append(format_html("<tr><th>{}</th><td>(current list)</td><td>{}</td></tr>", name, ", ".join(keys)))
        if "centers" in revision.changes:
            current = "; ".join(f"{c.city}, {c.country.code}: {c.seats} seats" for c in vendor.centers.all())
            proposed = "; ".join(
                f"{c['name'] or c['city']} ({c['city']}, {c['country']}, {c['time_zone']}): {c['seats']} seats"
                for c in revision.changes["centers"]
            )
            rows.append(format_html("<tr><th>centers</th><td>{}</td><td>{}</td></tr>", current, proposed))
        return format_html(
            "<table><tr><th>field</th><th>published</th><th>proposed</th></tr>{}</table>",
            mark_safe("".join(rows)),  # noqa: S308 - built with format_html
        )

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("directory.moderate_vendor")


@admin.register(ClaimRequest)
class ClaimRequestAdmin(admin.ModelAdmin):
    list_display = ("vendor", "user", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("vendor", "user")
    readonly_fields = ("vendor", "user", "message", "status", "rejection_reason", "created_at")
    action_form = WorkflowActionForm
    actions = (
        workflow_action(
            "approve", "Approve: the user becomes the vendor's owner", organizations.claim_request_approve, "approved"
        ),
        workflow_action(
            "reject",
            "Reject (give the reason in the box)",
            organizations.claim_request_reject,
            "rejected",
            inputs=["reason"],
        ),
    )

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("directory.moderate_vendor")
