"""core.sql.distinct_values: the distinct values of an indexed column, read by skipping through the index."""

import pytest

from core.sql import distinct_values
from directory.models import VendorMatchRow
from tests.helpers import PendingVendorFactory, make_vendor

pytestmark = pytest.mark.django_db


def test_each_value_once_smallest_first_among_the_rows_asked():
    make_vendor("Manila One", centers=[{"country": "PH"}, {"country": "PH"}, {"country": "IN"}])
    make_vendor("Bogota One", centers=[{"country": "CO"}])
    make_vendor("Hidden", factory=PendingVendorFactory, centers=[{"country": "ZA"}])
    published = distinct_values(VendorMatchRow, "country", "published = %s AND country <> ''", (True,))
    assert published == ["CO", "IN", "PH"]
    assert distinct_values(VendorMatchRow, "country") == ["CO", "IN", "PH", "ZA"]


def test_nothing_when_no_row_is_asked():
    assert distinct_values(VendorMatchRow, "time_zone", "published = %s", (True,)) == []
