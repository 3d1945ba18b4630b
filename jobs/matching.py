"""Job match and skill gap: how a job seeker's profile compares with a posting, and what is missing.

Each requirement the posting states weighs in the score (0 to 100); a requirement the posting does not state
is left out of it:

| requirement      | weight | counts as met when the profile has                     |
| ---------------- | ------ | ------------------------------------------------------ |
| required skills  | 30     | each of them (the share held counts)                   |
| preferred skills | 10     | each of them (the share held counts)                   |
| languages        | 20     | each language at the CEFR level asked or above         |
| certifications   | 10     | each of them                                           |
| experience       | 10     | at least the years asked                               |
| education        | 5      | at least the level asked                               |
| typing speed     | 5      | at least the words per minute asked                    |
| shift            | 5      | the posting's shift as desired shift (or none desired) |
| arrangement      | 5      | the posting's arrangement as desired (or none desired) |

Everything not met is a gap, in words, for the seeker to read.
"""

from dataclasses import dataclass, field

from core.scoring import checked, weighted_score
from jobs.choices import CEFRLevel, EducationLevel, SkillImportance

WEIGHTS = {
    "required skills": 30,
    "preferred skills": 10,
    "languages": 20,
    "certifications": 10,
    "experience": 10,
    "education": 5,
    "typing speed": 5,
    "shift": 5,
    "arrangement": 5,
}
CEFR_ORDER = list(CEFRLevel.values)  # A1 ... C2, native


@dataclass(frozen=True)
class Criterion:
    """One requirement the posting states: the share of it the profile meets (0 to 1), and what to tell the seeker."""

    name: str
    share: float
    gaps: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()


@dataclass
class JobMatch:
    score: int
    gaps: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)


def _share(asked, held) -> float:
    return len([item for item in asked if item in held]) / len(asked)


def _skills(profile, posting, importance: SkillImportance, name: str) -> Criterion | None:
    asked = [r.skill for r in posting.skill_requirements.all() if r.importance == importance]
    if not asked:
        return None
    held = set(profile.skills.all())
    missing = [skill.name for skill in asked if skill not in held]
    if missing:
        return Criterion(
            name, _share(asked, held), gaps=(f"{name.capitalize()} you have not listed: {', '.join(missing)}.",)
        )
    return Criterion(name, _share(asked, held), strengths=(f"You have every {name[:-1]} asked.",))


def _required_skills(profile, posting) -> Criterion | None:
    return _skills(profile, posting, SkillImportance.REQUIRED, "required skills")


def _preferred_skills(profile, posting) -> Criterion | None:
    return _skills(profile, posting, SkillImportance.PREFERRED, "preferred skills")


def _languages(profile, posting) -> Criterion | None:
    requirements = list(posting.language_requirements.all())
    if not requirements:
        return None
    levels = {row.language_id: row.level for row in profile.languages.all()}
    gaps = []
    for requirement in requirements:
        held = levels.get(requirement.language_id)
        if held is None:
            gaps.append(f"{requirement.language.name} at {requirement.level} is asked; it is not on your profile.")
        elif CEFR_ORDER.index(held) < CEFR_ORDER.index(requirement.level):
            gaps.append(f"{requirement.language.name}: {requirement.level} asked, your profile says {held}.")
    return Criterion("languages", (len(requirements) - len(gaps)) / len(requirements), gaps=tuple(gaps))


def _certifications(profile, posting) -> Criterion | None:
    certifications = list(posting.certifications.all())
    if not certifications:
        return None
    held = set(profile.certifications.all())
    missing = [c.name for c in certifications if c not in held]
    gaps = (f"Certifications asked: {', '.join(missing)}.",) if missing else ()
    return Criterion("certifications", _share(certifications, held), gaps=gaps)


def _experience(profile, posting) -> Criterion | None:
    if not posting.min_experience_years:
        return None
    if profile.experience_years >= posting.min_experience_years:
        return Criterion("experience", 1)
    return Criterion(
        "experience",
        profile.experience_years / posting.min_experience_years,
        gaps=(
            f"{posting.min_experience_years} years of experience asked; your profile says {profile.experience_years}.",
        ),
    )


def _education(profile, posting) -> Criterion | None:
    if posting.education_level == EducationLevel.NONE:
        return None
    if EducationLevel(profile.education_level).rank >= EducationLevel(posting.education_level).rank:
        return Criterion("education", 1)
    return Criterion("education", 0, gaps=(f"Education asked: {posting.get_education_level_display().lower()}.",))


def _typing_speed(profile, posting) -> Criterion | None:
    if not posting.min_typing_wpm:
        return None
    if (profile.typing_wpm or 0) >= posting.min_typing_wpm:
        return Criterion("typing speed", 1)
    typed = f"{profile.typing_wpm} WPM" if profile.typing_wpm else "no typing speed"
    return Criterion(
        "typing speed", 0, gaps=(f"Typing speed: {posting.min_typing_wpm} WPM asked, your profile says {typed}.",)
    )


def _shift(profile, posting) -> Criterion | None:
    if not profile.desired_shift:
        return None
    if profile.desired_shift == posting.shift or posting.shift == "flexible":
        return Criterion("shift", 1)
    wanted = profile.get_desired_shift_display().lower()
    return Criterion("shift", 0, gaps=(f"It is a {posting.get_shift_display().lower()}; you want {wanted}.",))


def _arrangement(profile, posting) -> Criterion | None:
    if not profile.desired_arrangement:
        return None
    if profile.desired_arrangement == posting.work_arrangement:
        return Criterion("arrangement", 1)
    return Criterion(
        "arrangement",
        0,
        gaps=(
            f"It is {posting.get_work_arrangement_display().lower()}; "
            f"you want {profile.get_desired_arrangement_display().lower()}.",
        ),
    )


# In the order the gaps are told.
CRITERIA = (
    _required_skills,
    _preferred_skills,
    _languages,
    _certifications,
    _experience,
    _education,
    _typing_speed,
    _shift,
    _arrangement,
)


def job_match(profile, posting) -> JobMatch:
    """Compare a SeekerProfile with a posting (its requirements prefetched, as on the job page)."""
    criteria = checked(CRITERIA, profile, posting)
    return JobMatch(
        score=weighted_score((WEIGHTS[c.name], c.share) for c in criteria),
        gaps=[gap for c in criteria for gap in c.gaps],
        strengths=[strength for c in criteria for strength in c.strengths],
    )
