"""schema.org `JobPosting` markup for Google for Jobs and other aggregators (open postings only)."""

from core.markdown import render_markdown
from jobs.choices import EducationLevel, EmploymentType, SalaryPeriod, WorkArrangement

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERN",
}
# schema.org credentialCategory values Google recognises.
CREDENTIALS = {
    EducationLevel.HIGH_SCHOOL: "high school",
    EducationLevel.SENIOR_HIGH: "high school",
    EducationLevel.VOCATIONAL: "professional certificate",
    EducationLevel.SOME_COLLEGE: "associate degree",
    EducationLevel.BACHELOR: "bachelor degree",
    EducationLevel.POSTGRADUATE: "postgraduate degree",
}
SALARY_UNITS = {SalaryPeriod.HOUR: "HOUR", SalaryPeriod.MONTH: "MONTH", SalaryPeriod.YEAR: "YEAR"}


def job_posting_json_ld(posting, absolute_url) -> dict:
    """The JSON-LD object for an open posting; `absolute_url` turns a path into a full URL."""
    employer = posting.employer
    organization = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organization["sameAs"] = employer.website
    elif employer.vendor_id and employer.vendor.is_public:
        organization["sameAs"] = absolute_url(employer.vendor.get_absolute_url())

    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": render_markdown(posting.description),
        "url": absolute_url(posting.get_absolute_url()),
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": posting.slug},
        "datePosted": posting.published_at.isoformat(),
        "validThrough": posting.expires_at.isoformat(),
        "hiringOrganization": organization,
        "employmentType": EMPLOYMENT_TYPES[posting.employment_type],
        "workHours": posting.get_shift_display(),
        "totalJobOpenings": posting.openings,
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": posting.min_experience_years * 12,
        },
        "educationRequirements": (
            {"@type": "EducationalOccupationalCredential", "credentialCategory": CREDENTIALS[posting.education_level]}
            if posting.education_level in CREDENTIALS
            else "no requirements"
        ),
        "skills": ", ".join(requirement.skill.name for requirement in posting.skill_requirements.all()),
    }
    place = {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressCountry": posting.country.code},
    }
    if posting.city:
        place["address"]["addressLocality"] = posting.city
    if posting.work_arrangement == WorkArrangement.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": posting.country.name}
    else:
        data["jobLocation"] = place
    if posting.salary_min is not None or posting.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[posting.salary_period]}
        if posting.salary_min is not None:
            value["minValue"] = float(posting.salary_min)
        if posting.salary_max is not None:
            value["maxValue"] = float(posting.salary_max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": posting.salary_currency, "value": value}
    return data
