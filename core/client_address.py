"""The address of the client behind a request, for every per-client limit: the admin's sign-in limit, allauth's
login, signup and reset limits, the API's throttles and the inquiry confirmation limit.

Behind `settings.TRUSTED_PROXY_COUNT` proxies, REMOTE_ADDR is the last proxy's address, shared by every client.
Each proxy appends the address it received the request from to X-Forwarded-For, so the client is the entry that
many places from the right; whatever stands left of it was sent by the client itself and is never believed. With
no trusted proxy (0), X-Forwarded-For is ignored: anyone can send one.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port


def _address(value: str) -> str | None:
    """`value` as a normalized IP address (a port some proxies append dropped), or None when it is not one."""
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    host, port = split_domain_port(value)
    if not port:
        return None
    try:
        return str(ipaddress.ip_address(host.removeprefix("[").removesuffix("]")))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if proxies <= 0 or not forwarded:
        return remote
    # Fewer entries than proxies: the request came in through the inner proxies only, and the leftmost entry
    # is the one the outermost of them wrote.
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote
