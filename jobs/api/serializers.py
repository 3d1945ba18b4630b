"""The job board over HTTP: what a posting looks like to a client, and what an employer may write."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers

from core.api.base import ListItemSerializer, SentEmptyRefusedMixin
from core.fields import COUNTRY_CHOICES, SlugField
from core.sql import json_rows
from directory.models import Industry, Language
from jobs.choices import (
    AccountType,
    CallDirection,
    CEFRLevel,
    Currency,
    EducationLevel,
    EmploymentType,
    JobRole,
    SalaryPeriod,
    Shift,
    SkillImportance,
    WorkArrangement,
)
from jobs.models import (
    Application,
    Certification,
    JobLanguageRequirement,
    JobPosting,
    JobSkillRequirement,
    SeekerProfile,
    Skill,
)
from jobs.services.applications import forget_replaced_resume, validate_resume


class EmployerSummarySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    kind = serializers.SerializerMethodField(help_text="`bpo` (a vendor of the directory) or `in_house`.")

    def get_kind(self, employer) -> str:
        return "bpo" if employer.is_bpo else "in_house"


class SalarySerializer(serializers.Serializer):
    min = serializers.DecimalField(source="salary_min", max_digits=12, decimal_places=2, allow_null=True)
    max = serializers.DecimalField(source="salary_max", max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField(source="salary_currency", help_text="ISO 4217 code; empty with no salary.")
    period = serializers.CharField(source="salary_period", help_text="hour, month or year.")


class SkillRequirementSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")

    class Meta:
        model = JobSkillRequirement
        fields = ["slug", "name", "importance"]


class LanguageRequirementSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="language.code")
    name = serializers.CharField(source="language.name")

    class Meta:
        model = JobLanguageRequirement
        fields = ["code", "name", "level"]


# Formats datetimes as every DateTimeField of the API does (a declared field of a serializer would be a field).
DATETIME = serializers.DateTimeField()


class JobPostingSerializer(serializers.ModelSerializer):
    """A posting in a list: everything a client filters and shows, without a second request."""

    url = serializers.SerializerMethodField(help_text="The posting's web page.")
    employer = EmployerSummarySerializer()
    country = serializers.SerializerMethodField(help_text="ISO 3166 alpha-2 code.")
    salary = SalarySerializer(source="*")
    # Declared so that the schema says what the data holds: "" for a posting that is not a calls job.
    call_direction = serializers.ChoiceField(choices=CallDirection, allow_blank=True, read_only=True)
    experience_years_min = serializers.IntegerField(source="min_experience_years")
    typing_wpm_min = serializers.IntegerField(source="min_typing_wpm", allow_null=True)
    skills = SkillRequirementSerializer(source="skill_requirements", many=True)
    languages = LanguageRequirementSerializer(source="language_requirements", many=True)
    certifications = SlugField(slug_field="slug", many=True, read_only=True)
    posted_at = serializers.DateTimeField(source="published_at", allow_null=True, help_text="Null until published.")

    class Meta:
        model = JobPosting
        fields = [
            "slug",
            "title",
            "url",
            "status",
            "employer",
            "city",
            "country",
            "work_arrangement",
            "employment_type",
            "shift",
            "role",
            "account_type",
            "call_direction",
            "salary",
            "experience_years_min",
            "education_level",
            "typing_wpm_min",
            "openings",
            "skills",
            "languages",
            "certifications",
            "posted_at",
            "expires_at",
        ]
        read_only_fields = fields

    def get_url(self, posting) -> str:
        return self.context["request"].build_absolute_uri(posting.get_absolute_url())

    def get_country(self, posting) -> str:
        return posting.country.code

    @classmethod
    def cards(cls, rows, request) -> list[dict]:
        """What `to_representation` gives for each posting, built from `JobPostingQuerySet.card_rows()` dicts
        without model instances or field objects: the API list's fast path (tests check both agree)."""
        url = request.build_absolute_uri(reverse("jobs:job_posting_detail", kwargs={"slug": "-"}))[:-2]
        when = DATETIME.to_representation
        cards = []
        for row in rows:
            skills = sorted(json_rows(row["skill_rows"]))  # importance, then the skill's position, as listed
            languages = sorted(json_rows(row["language_rows"]))  # by language name
            cards.append(
                {
                    "slug": row["slug"],
                    "title": row["title"],
                    "url": f"{url}{row['slug']}/",
                    "status": row["status"],
                    "employer": {
                        "name": row["employer__name"],
                        "slug": row["employer__slug"],
                        "kind": "in_house" if row["employer__vendor_id"] is None else "bpo",
                    },
                    "city": row["city"],
                    "country": row["country"],
                    "work_arrangement": row["work_arrangement"],
                    "employment_type": row["employment_type"],
                    "shift": row["shift"],
                    "role": row["role"],
                    "account_type": row["account_type"],
                    "call_direction": row["call_direction"],
                    "salary": {
                        "min": row["salary_min"],
                        "max": row["salary_max"],
                        "currency": row["salary_currency"],
                        "period": row["salary_period"],
                    },
                    "experience_years_min": row["min_experience_years"],
                    "education_level": row["education_level"],
                    "typing_wpm_min": row["min_typing_wpm"],
                    "openings": row["openings"],
                    "skills": [{"slug": slug, "name": name, "importance": imp} for imp, _, slug, name in skills],
                    "languages": [{"code": code, "name": name, "level": level} for name, code, level in languages],
                    "certifications": [slug for _, _, slug in sorted(json_rows(row["certification_rows"]))],
                    "posted_at": when(row["published_at"]) if row["published_at"] else None,
                    "expires_at": when(row["expires_at"]) if row["expires_at"] else None,
                }
            )
        return cards


class JobPostingDetailSerializer(JobPostingSerializer):
    client_industry = SlugField(slug_field="slug", read_only=True, allow_null=True)
    benefits = serializers.SerializerMethodField(help_text="One benefit per item.")

    class Meta(JobPostingSerializer.Meta):
        fields = [*JobPostingSerializer.Meta.fields, "description", "benefits", "client_industry", "created_at"]
        read_only_fields = fields

    def get_benefits(self, posting) -> list[str]:
        return [line.strip() for line in posting.benefits.splitlines() if line.strip()]


class SalaryInputSerializer(serializers.Serializer):
    min = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, allow_null=True, required=False)
    max = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, allow_null=True, required=False)
    currency = serializers.ChoiceField(choices=Currency, required=False, allow_blank=True)
    period = serializers.ChoiceField(choices=SalaryPeriod, required=False)


class SkillInputSerializer(ListItemSerializer):
    slug = SlugField(slug_field="slug", queryset=Skill.objects.all(), source="skill")
    importance = serializers.ChoiceField(choices=SkillImportance, default=SkillImportance.REQUIRED)


class LanguageInputSerializer(ListItemSerializer):
    code = SlugField(slug_field="code", queryset=Language.objects.all(), source="language")
    level = serializers.ChoiceField(choices=CEFRLevel, default=CEFRLevel.B2)


class JobPostingWriteSerializer(SentEmptyRefusedMixin, serializers.Serializer):
    """What an employer sends. Status, dates, the employer and the slug are the system's: sent, they are ignored.

    `skills`, `languages` and `certifications`, when sent, replace the posting's whole list.
    """

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(help_text="Markdown.")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, help_text="ISO 3166 alpha-2 code.")
    work_arrangement = serializers.ChoiceField(choices=WorkArrangement, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType, required=False)
    shift = serializers.ChoiceField(choices=Shift, required=False)
    role = serializers.ChoiceField(choices=JobRole, required=False)
    account_type = serializers.ChoiceField(choices=AccountType, required=False)
    call_direction = serializers.ChoiceField(choices=CallDirection, required=False, allow_blank=True)
    client_industry = SlugField(slug_field="slug", queryset=Industry.objects.all(), required=False, allow_null=True)
    salary = SalaryInputSerializer(required=False)
    experience_years_min = serializers.IntegerField(min_value=0, max_value=50, required=False)
    education_level = serializers.ChoiceField(choices=EducationLevel, required=False)
    typing_wpm_min = serializers.IntegerField(min_value=1, max_value=250, required=False, allow_null=True)
    openings = serializers.IntegerField(min_value=1, max_value=10_000, required=False)
    benefits = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=30)
    skills = SkillInputSerializer(many=True, required=False, max_length=30)
    languages = LanguageInputSerializer(many=True, required=False, max_length=10)
    certifications = SlugField(slug_field="slug", queryset=Certification.objects.all(), many=True, required=False)
    employer = serializers.CharField(
        required=False,
        write_only=True,
        help_text="On creation only, for members of several employers: the slug of one of them. "
        "Anything else is ignored.",
    )

    # Names on the wire -> model fields.
    RENAMED = {"experience_years_min": "min_experience_years", "typing_wpm_min": "min_typing_wpm"}
    SALARY_FIELDS = {"min": "salary_min", "max": "salary_max", "currency": "salary_currency", "period": "salary_period"}

    def validate_skills(self, value):
        slugs = [item["skill"].slug for item in value]
        if len(slugs) != len(set(slugs)):
            raise serializers.ValidationError("Each skill once.")
        return value

    def validate_languages(self, value):
        codes = [item["language"].code for item in value]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError("Each language once.")
        return value

    def validate(self, attrs):
        salary = {**self._current_salary(), **attrs.get("salary", {})}
        low, high = salary.get("min"), salary.get("max")
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError({"salary": ["max must be at least min."]})
        if (low is not None or high is not None) and not salary.get("currency"):
            raise serializers.ValidationError({"salary": ["Give the currency of the salary."]})
        return attrs

    def _current_salary(self) -> dict:
        if self.instance is None:
            return {}
        return {wire: getattr(self.instance, field) for wire, field in self.SALARY_FIELDS.items()}

    def service_arguments(self) -> dict:
        """The validated data as the job posting services take it."""
        data = dict(self.validated_data)
        data.pop("employer", None)
        requirements = {}
        if "skills" in data:
            requirements["skills"] = [
                (item["skill"], item.get("importance", SkillImportance.REQUIRED)) for item in data.pop("skills")
            ]
        if "languages" in data:
            requirements["languages"] = [
                (item["language"], item.get("level", CEFRLevel.B2)) for item in data.pop("languages")
            ]
        if "certifications" in data:
            requirements["certifications"] = data.pop("certifications")
        fields = {}
        for wire, field in self.SALARY_FIELDS.items():
            if wire in data.get("salary", {}):
                fields[field] = data["salary"][wire]
        data.pop("salary", None)
        if "benefits" in data:
            data["benefits"] = "\n".join(data["benefits"])
        for name, value in data.items():
            fields[self.RENAMED.get(name, name)] = value
        return {"fields": fields, **requirements}


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as its applicant sees it; the employer's members also see who applied and their note."""

    job = serializers.SerializerMethodField()
    applicant = serializers.SerializerMethodField()
    resume_url = serializers.SerializerMethodField(help_text="Download the resume (applicant and employer only).")

    class Meta:
        model = Application
        fields = ["id", "job", "applicant", "cover_note", "stage", "employer_note", "created_at", "stage_changed_at"]
        fields += ["resume_url"]
        read_only_fields = fields
        left_out_for_some = ["employer_note"]  # the applicant never sees it (the schema says it may be missing)

    def get_job(self, application) -> dict:
        posting = application.job_posting
        return {
            "slug": posting.slug,
            "title": posting.title,
            "employer": posting.employer.name,
            "url": self.context["request"].build_absolute_uri(posting.get_absolute_url()),
        }

    def get_applicant(self, application) -> dict:
        person = application.applicant
        return {"username": person.username, "name": person.get_full_name()}

    def get_resume_url(self, application) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/applications/{application.pk}/resume/")

    def to_representation(self, application):
        data = super().to_representation(application)
        if application.applicant_id == self.context["request"].user.pk and not self.context.get("as_employer"):
            data.pop("employer_note")  # private to the employer's members
        return data


class ApplySerializer(serializers.Serializer):
    cover_note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    resume = serializers.FileField(
        required=False, help_text="PDF or DOCX, at most 5 MB; without it, the profile's resume is sent."
    )


class StageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Application.Stage.choices)
    employer_note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class SeekerLanguageSerializer(ListItemSerializer):
    code = SlugField(slug_field="code", queryset=Language.objects.all(), source="language")
    level = serializers.ChoiceField(choices=CEFRLevel.choices)


class SeekerProfileSerializer(SentEmptyRefusedMixin, serializers.ModelSerializer):
    """The job seeker's profile; `languages`, `skills` and `certifications`, when sent, replace the lists."""

    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)
    skills = SlugField(slug_field="slug", queryset=Skill.objects.all(), many=True, required=False)
    certifications = SlugField(slug_field="slug", queryset=Certification.objects.all(), many=True, required=False)
    languages = SeekerLanguageSerializer(many=True, required=False)
    resume = serializers.FileField(required=False, write_only=True, help_text="PDF or DOCX, at most 5 MB.")
    has_resume = serializers.SerializerMethodField()

    class Meta:
        model = SeekerProfile
        fields = [
            "headline",
            "country",
            "city",
            "experience_years",
            "education_level",
            "skills",
            "certifications",
            "languages",
            "typing_wpm",
            "desired_shift",
            "desired_arrangement",
            "resume",
            "has_resume",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"experience_years": {"max_value": 60}, "typing_wpm": {"max_value": 250}}

    def validate_languages(self, value):
        codes = [item["language"].code for item in value]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError("Each language once.")
        return value

    def get_has_resume(self, profile) -> bool:
        return bool(profile.resume)

    def to_representation(self, profile):
        data = super().to_representation(profile)
        data["country"] = profile.country.code or ""
        return data

    def validate_resume(self, upload):
        try:
            validate_resume(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["resume"]) from error
        return upload

    def update(self, profile, validated_data):
        languages = validated_data.pop("languages", None)
        previous_resume = profile.resume.name
        profile = super().update(profile, validated_data)
        forget_replaced_resume(profile, previous_resume)
        if languages is not None:
            profile.languages.all().delete()
            for item in languages:
                profile.languages.create(language=item["language"], level=item["level"])
        return profile


class SeekerProfileUploadSerializer(SeekerProfileSerializer):
    """The profile as a multipart request (to send a resume): plain fields only; `languages`, a list of objects,
    goes as JSON."""

    class Meta(SeekerProfileSerializer.Meta):
        fields = [name for name in SeekerProfileSerializer.Meta.fields if name != "languages"]


class SavedJobSerializer(serializers.Serializer):
    job = JobPostingSerializer(source="job_posting")
    saved_at = serializers.DateTimeField(source="created_at")


class JobMatchSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100)
    gaps = serializers.ListField(child=serializers.CharField(), help_text="What the profile lacks, in words.")
    strengths = serializers.ListField(child=serializers.CharField())
