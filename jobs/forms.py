"""Forms of the job journeys: applying, the seeker's profile, an employer's posting and its pipeline."""

from django import forms
from django.forms import formset_factory, inlineformset_factory

from core.forms import HoneypotMixin
from directory.models import Language
from jobs.choices import CEFRLevel, SkillImportance
from jobs.models import Application, JobPosting, SeekerLanguage, SeekerProfile, Skill
from jobs.services.applications import validate_resume
from jobs.services.postings import JOB_POSTING_EDITABLE_FIELDS


class ResumeField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            try:
                validate_resume(value)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.message_dict["resume"]) from error


class ApplicationForm(HoneypotMixin):
    cover_note = forms.CharField(
        label="Cover note", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    resume = ResumeField(
        label="Resume (PDF or DOCX, at most 5 MB)",
        required=False,
        help_text="Leave empty to send the resume saved in your profile.",
    )


class SeekerProfileForm(forms.ModelForm):
    # A plain file input: the default one links the current file, and private files have no URL.
    resume = ResumeField(
        label="Resume (PDF or DOCX, at most 5 MB)",
        required=False,
        widget=forms.FileInput,
        help_text="Leave empty to keep the resume on file.",
    )

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
            "typing_wpm",
            "desired_shift",
            "desired_arrangement",
            "resume",
        ]
        widgets = {"skills": forms.CheckboxSelectMultiple, "certifications": forms.CheckboxSelectMultiple}


SeekerLanguageFormSet = inlineformset_factory(
    SeekerProfile, SeekerLanguage, fields=["language", "level"], extra=2, max_num=10, can_delete=True
)


class JobPostingForm(HoneypotMixin, forms.ModelForm):
    """The fields an employer writes, with its skills; the languages come as a formset beside it."""

    required_skills = forms.ModelMultipleChoiceField(
        Skill.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, to_field_name="slug"
    )
    preferred_skills = forms.ModelMultipleChoiceField(
        Skill.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, to_field_name="slug"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].required = False  # most postings hire agents: left empty, it is one

    def clean_role(self):
        return self.cleaned_data.get("role") or JobPosting.Role.AGENT

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("required_skills") or []) & set(cleaned.get("preferred_skills") or [])
        if both:
            self.add_error("preferred_skills", f"Either required or preferred: {', '.join(map(str, both))}.")
        return cleaned

    def service_arguments(self, languages) -> dict:
        fields = {name: self.cleaned_data[name] for name in JOB_POSTING_EDITABLE_FIELDS}
        skills = [(s, SkillImportance.REQUIRED) for s in self.cleaned_data["required_skills"]]
        skills += [(s, SkillImportance.PREFERRED) for s in self.cleaned_data["preferred_skills"]]
        return {"fields": fields, "skills": skills, "languages": languages}

    class Meta:
        model = JobPosting
        fields = list(JOB_POSTING_EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "benefits": forms.Textarea(attrs={"rows": 4}),
        }


class StageForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["stage", "employer_note"]
        widgets = {"employer_note": forms.Textarea(attrs={"rows": 2})}
        labels = {"employer_note": "Private note"}


class LanguageRequirementForm(forms.Form):
    language = forms.ModelChoiceField(Language.objects.all(), to_field_name="code")
    level = forms.ChoiceField(choices=CEFRLevel.choices, initial=CEFRLevel.B2)


LanguageRequirementFormSet = formset_factory(LanguageRequirementForm, extra=2, max_num=10)


def formset_languages(formset) -> list:
    """(Language, level) pairs of the filled rows, each language once."""
    chosen = {}
    for row in formset.cleaned_data:
        if row.get("language"):
            chosen[row["language"]] = row["level"]
    return list(chosen.items())
