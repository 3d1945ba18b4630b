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

from jobs.choices import CEFRLevel, EducationLevel

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


@dataclass
class JobMatch:
    score: int
    gaps: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)


def _share(asked, held) -> float:
    return len([item for item in asked if item in held]) / len(asked)


def job_match(profile, posting) -> JobMatch:
    """Compare a SeekerProfile with a posting (its requirements prefetched, as on the job page)."""
    earned, total = 0.0, 0
    gaps, strengths = [], []

    def weigh(name: str, fraction: float) -> None:
        nonlocal earned, total
        earned += WEIGHTS[name] * fraction
        total += WEIGHTS[name]

    skills = set(profile.skills.all())
    requirements = list(posting.skill_requirements.all())
    for importance, name in (("required", "required skills"), ("preferred", "preferred skills")):
        asked = [r.skill for r in requirements if r.importance == importance]
        if asked:
            weigh(name, _share(asked, skills))
            missing = [skill.name for skill in asked if skill not in skills]
            if missing:
                gaps.append(f"{name.capitalize()} you have not listed: {', '.join(missing)}.")
            else:
                strengths.append(f"You have every {name[:-1]} asked.")

    levels = {row.language_id: row.level for row in profile.languages.all()}
    language_requirements = list(posting.language_requirements.all())
    if language_requirements:
        good = 0
        for requirement in language_requirements:
            held = levels.get(requirement.language_id)
            if held is None:
                gaps.append(f"{requirement.language.name} at {requirement.level} is asked; it is not on your profile.")
            elif CEFR_ORDER.index(held) < CEFR_ORDER.index(requirement.level):
                gaps.append(f"{requirement.language.name}: {requirement.level} asked, your profile says {held}.")
            else:
                good += 1
        weigh("languages", good / len(language_requirements))

    certifications = list(posting.certifications.all())
    if certifications:
        held = set(profile.certifications.all())
        weigh("certifications", _share(certifications, held))
        missing = [c.name for c in certifications if c not in held]
        if missing:
            gaps.append(f"Certifications asked: {', '.join(missing)}.")

    if posting.min_experience_years:
        enough = profile.experience_years >= posting.min_experience_years
        weigh("experience", 1 if enough else profile.experience_years / posting.min_experience_years)
        if not enough:
            gaps.append(
                f"{posting.min_experience_years} years of experience asked; your profile says "
                f"{profile.experience_years}."
            )

    if posting.education_level != EducationLevel.NONE:
        enough = EducationLevel(profile.education_level).rank >= EducationLevel(posting.education_level).rank
        weigh("education", 1 if enough else 0)
        if not enough:
            gaps.append(f"Education asked: {posting.get_education_level_display().lower()}.")

    if posting.min_typing_wpm:
        enough = (profile.typing_wpm or 0) >= posting.min_typing_wpm
        weigh("typing speed", 1 if enough else 0)
        if not enough:
            typed = f"{profile.typing_wpm} WPM" if profile.typing_wpm else "no typing speed"
            gaps.append(f"Typing speed: {posting.min_typing_wpm} WPM asked, your profile says {typed}.")

    if profile.desired_shift:
        fits = profile.desired_shift == posting.shift or posting.shift == "flexible"
        weigh("shift", 1 if fits else 0)
        if not fits:
            wanted = profile.get_desired_shift_display().lower()
            gaps.append(f"It is a {posting.get_shift_display().lower()}; you want {wanted}.")

    if profile.desired_arrangement:
        fits = profile.desired_arrangement == posting.work_arrangement
        weigh("arrangement", 1 if fits else 0)
        if not fits:
            gaps.append(
                f"It is {posting.get_work_arrangement_display().lower()}; "
                f"you want {profile.get_desired_arrangement_display().lower()}."
            )

    score = 100 if total == 0 else round(100 * earned / total)
    return JobMatch(score=score, gaps=gaps, strengths=strengths)
