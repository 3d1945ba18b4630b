"""The vendor matcher's own limit over the API: each brief ranks every published vendor, so each client gets a
budget of briefs, shared with the matcher page (core.limits.rate_exceeded)."""

from rest_framework.throttling import BaseThrottle

from core.limits import rate_exceeded


class MatchThrottle(BaseThrottle):
    scope = "match"

    def allow_request(self, request, view):
        return not rate_exceeded(request, self.scope)

    def wait(self):
        return 60
