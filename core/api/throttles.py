"""API throttles. Kept apart from the other API pieces: DRF imports them while it is still loading its views."""

import hashlib

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class ApiRateThrottle:
    """Rates from settings.API_THROTTLE_RATES, read when a request comes, so deployments and tests can set them."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)  # a scope left out is not limited


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
    """Token requests per account named, wherever they come from: guessing one account's password from many
    addresses is slowed down too."""

    scope = "login_account"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        # A digest, not the name itself: whatever was typed (spaces, control characters, any length) makes a
        # valid cache key.
        ident = hashlib.sha256(username.strip().lower()[:150].encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
