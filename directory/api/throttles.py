"""The vendor matcher's own limit: it ranks every published vendor, so each client gets a budget of briefs (the
API and the HTML page share it)."""

from rest_framework.throttling import SimpleRateThrottle

from core.api.throttles import ApiRateThrottle


class MatchThrottle(ApiRateThrottle, SimpleRateThrottle):
    scope = "match"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
