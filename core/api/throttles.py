"""API throttles. Kept apart from the other API pieces: DRF imports them while it is still loading its views."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from accounts.selectors import login_subject
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


class LoginThrottle(ApiRateThrottle, SimpleRateThrottle):
    """Token requests per client address, whoever they claim to be: slows down password guessing."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginAccountThrottle(ApiRateThrottle, SimpleRateThrottle):
    """Token requests per account named, wherever they come from and however it is named (username or email
    address): guessing one account's password from many addresses is slowed down too."""

    scope = "login_account"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": login_subject(username)}
