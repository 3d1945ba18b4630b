"""The token endpoint's own limits: per client address, and per account however it is named."""

from rest_framework.throttling import SimpleRateThrottle

from accounts.selectors import login_subject
from core.api.throttles import ApiRateThrottle


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
