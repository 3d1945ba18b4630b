"""API throttles. Kept apart from the other API pieces: DRF imports them while it is still loading its views."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.client_address import client_address


class ApiRateThrottle:
    """Rates from settings.API_THROTTLE_RATES, read when a request comes, so deployments and tests can set them;
    clients told apart by the address every other limit uses."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)  # a scope left out is not limited

    def get_ident(self, request):
        return client_address(request)


class AnonThrottle(ApiRateThrottle, AnonRateThrottle):
    pass


class UserThrottle(ApiRateThrottle, UserRateThrottle):
    pass
