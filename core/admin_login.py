"""The admin's sign-in page with its own limit on failed attempts per client address (allauth's limits guard
/accounts/login/, not /admin/login/): past the limit, a 429 until the window ends, right password or not."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from core.client_address import client_address


def failures_key(request) -> str:
    return f"admin-login-failures:{client_address(request)}"


def rate_limited(login_view):
    @wraps(login_view)
    def view(request, extra_context=None):
        if request.method != "POST":
            return login_view(request, extra_context)
        key = failures_key(request)
        if cache.get(key, 0) >= settings.ADMIN_LOGIN_FAILURES_ALLOWED:
            minutes = settings.ADMIN_LOGIN_WINDOW_SECONDS // 60
            response = HttpResponse(
                f"Too many failed sign-ins from your address. Try again in {minutes} minutes.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(settings.ADMIN_LOGIN_WINDOW_SECONDS)
            return response
        response = login_view(request, extra_context)
        if response.status_code == 200:  # the form again: the sign-in failed (a success redirects)
            cache.add(key, 0, settings.ADMIN_LOGIN_WINDOW_SECONDS)
            cache.incr(key)
        return response

    return view
