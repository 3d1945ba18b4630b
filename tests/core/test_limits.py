"""core.limits: the one daily limit that inquiries, reviews and job postings share."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from core.limits import enforce_daily_limit
from directory.models import Employer

pytestmark = pytest.mark.django_db

MESSAGE = "You can add at most {limit} of these a day."


def rows(count: int, *, age: timedelta = timedelta(0)):
    for number in range(count):
        Employer.objects.create(name=f"Employer {number}", slug=f"employer-{age.days}-{number}")
    Employer.objects.filter(created_at__gte=timezone.now() - timedelta(minutes=1)).update(
        created_at=timezone.now() - age
    )
    return Employer.objects.all()


@override_settings(DAILY_LIMITS={"employer": 2})
def test_the_row_past_the_limit_is_refused_with_the_callers_message():
    recent = rows(2)

    with pytest.raises(ValidationError) as refused:
        enforce_daily_limit(recent, kind="employer", message=MESSAGE)

    assert refused.value.messages == ["You can add at most 2 of these a day."]


@override_settings(DAILY_LIMITS={"employer": 2})
def test_rows_older_than_a_day_do_not_count():
    rows(5, age=timedelta(days=1, minutes=1))
    recent = rows(1)

    enforce_daily_limit(recent, kind="employer", message=MESSAGE)  # does not raise

    assert recent.count() == 6
