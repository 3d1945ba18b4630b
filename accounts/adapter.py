"""django-allauth's hooks, where the site decides: which client a request comes from (allauth's per-IP limits on
login, signup and password reset) and what failed logins are counted against (its per-key login limit)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from accounts.selectors import login_subject
from core.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine the client's address.")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys its "login_failed" limit on the text typed (the username, or the email address): one
        # account would get a counter for each. This is allauth's one hook for that key (the password reset
        # clears the same key through it); tests/project/test_security_auth.py fails if allauth stops calling it.
        return login_subject(credentials.get("email") or credentials.get("username") or "")
