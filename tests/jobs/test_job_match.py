"""Job match and skill gap: the score, every kind of gap in words, the job page, the API and sorting by match."""

import pytest
from rest_framework.test import APIClient

from demo.factories.accounts import SeekerFactory
from directory.models import Language
from jobs.matching import job_match
from jobs.models import Certification, JobPosting, SeekerLanguage, SeekerProfile, Skill
from tests.helpers import client_for, make_job

pytestmark = pytest.mark.django_db


def profile_for(user, *, skills=(), languages=(), certifications=(), **fields):
    profile = SeekerProfile.objects.create(user=user, **fields)
    profile.skills.set(Skill.objects.filter(slug__in=skills))
    profile.certifications.set(Certification.objects.filter(slug__in=certifications))
    for code, level in languages:
        SeekerLanguage.objects.create(profile=profile, language=Language.objects.get(code=code), level=level)
    return profile


def page_posting(slug):
    return JobPosting.objects.for_page().get(slug=slug)


def test_a_profile_meeting_everything_scores_100():
    job = make_job(
        "Chat Agent",
        skills=["zendesk", ("active-listening", "preferred")],
        languages=[("en", "B2")],
        min_experience_years=1,
        education_level="high_school",
        min_typing_wpm=40,
        shift="night",
    )
    profile = profile_for(
        SeekerFactory(),
        skills=["zendesk", "active-listening"],
        languages=[("en", "C1")],
        experience_years=3,
        education_level="bachelor",
        typing_wpm=60,
        desired_shift="night",
    )

    result = job_match(profile, page_posting(job.slug))

    assert (result.score, result.gaps) == (100, [])


def test_every_gap_is_said_in_words():
    cert = Certification.objects.first()
    job = make_job(
        "Voice Agent",
        skills=["zendesk", "salesforce"],
        languages=[("en", "C1"), ("es", "B2")],
        min_experience_years=4,
        education_level="bachelor",
        min_typing_wpm=50,
        shift="night",
        work_arrangement="onsite",
    )
    job.certifications.set([cert])
    profile = profile_for(
        SeekerFactory(),
        skills=["zendesk"],
        languages=[("en", "B2")],
        experience_years=2,
        education_level="high_school",
        typing_wpm=35,
        desired_shift="day",
        desired_arrangement="remote",
    )

    result = job_match(profile, page_posting(job.slug))

    gaps = " | ".join(result.gaps)
    assert "Required skills you have not listed: Salesforce" in gaps
    assert "English: C1 asked, your profile says B2." in gaps
    assert "Spanish at B2 is asked; it is not on your profile." in gaps
    assert f"Certifications asked: {cert.name}." in gaps
    assert "4 years of experience asked; your profile says 2." in gaps
    assert "Education asked: bachelor's degree." in gaps
    assert "Typing speed: 50 WPM asked, your profile says 35 WPM." in gaps
    assert "you want day shift" in gaps
    assert "you want remote" in gaps
    # 30 x 1/2 + 20 x 0 + 10 x 0 + 10 x 2/4 + 5 x 0 + 5 x 0 + 5 x 0 + 5 x 0 = 20 of 90
    assert result.score == 22


def test_the_job_page_shows_the_score_and_the_gaps_to_a_seeker_with_a_profile(client):
    job = make_job("Chat Agent", skills=["zendesk", "salesforce"])
    seeker = SeekerFactory()
    profile_for(seeker, skills=["zendesk"])

    anonymous = client.get(f"/jobs/{job.slug}/").content.decode()
    client.force_login(seeker)
    html = client.get(f"/jobs/{job.slug}/").content.decode()

    assert "How you match" not in anonymous
    # Half the required skills (30 x 1/2) and the education (5 of 5): 20 of 35.
    assert 'How you match: <span class="score">57/100</span>' in html
    assert "Required skills you have not listed: Salesforce." in html


def test_match_over_the_api():
    job = make_job("Chat Agent", skills=["zendesk"])
    seeker = SeekerFactory()
    profile_for(seeker, skills=["zendesk"])

    response = client_for(seeker).get(f"/api/v1/jobs/{job.slug}/match/")
    no_profile = client_for(SeekerFactory()).get(f"/api/v1/jobs/{job.slug}/match/")

    assert response.status_code == 200
    assert response.json()["score"] == 100
    assert no_profile.status_code == 404
    assert APIClient().get(f"/api/v1/jobs/{job.slug}/match/").status_code == 401


def test_the_list_sorts_by_match(client):
    make_job("Needs Two", skills=["zendesk", "salesforce"], days_ago=1)
    make_job("Needs One Held", skills=["zendesk"], days_ago=3)
    make_job("Needs Unknown", skills=["salesforce"], days_ago=2)
    seeker = SeekerFactory()
    profile_for(seeker, skills=["zendesk"])
    client.force_login(seeker)

    titles = [job.title for job in client.get("/jobs/?ordering=match").context["job_postings"]]
    api_titles = [job["title"] for job in client_for(seeker).get("/api/v1/jobs/?ordering=match").json()["results"]]

    assert titles == ["Needs One Held", "Needs Two", "Needs Unknown"]
    assert api_titles == titles
