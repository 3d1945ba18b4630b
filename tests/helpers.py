"""Helpers the tests share: "no query per row" checks, and what counts as the project's own code."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import ServiceType
from tests.factories import DeliveryCenterFactory, PublishedVendorFactory


def count_queries(client, url):
    """GET `url` twice and return (queries of the second request, its response).

    The first request warms the session and content-type caches, so two counts measure the same work.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def published_vendors_with_centers(n: int) -> None:
    """`n` published vendors, each with three services and two Philippine centers."""
    services = list(ServiceType.objects.all()[:3])
    for _ in range(n):
        vendor = PublishedVendorFactory(services=services)
        DeliveryCenterFactory(vendor=vendor, city="Manila", country="PH", time_zone="Asia/Manila")
        DeliveryCenterFactory(vendor=vendor, city="Cebu City", country="PH", time_zone="Asia/Manila")


def is_project_module(name: str) -> bool:
    """Whether a dotted module name is the project's own code (its top package is a folder of the repository),
    not Django's or a library's."""
    top = name.partition(".")[0]
    return (settings.BASE_DIR / top / "__init__.py").is_file() or (settings.BASE_DIR / f"{top}.py").is_file()
