"""The client's address, read the same way by the login lockout (django-axes) and the audit
trail.

Behind reverse proxies the TCP peer (REMOTE_ADDR) is the nearest proxy. Each proxy appends
the address it received the request from to X-Forwarded-For, so with N trusted proxies the
client is the N-th entry counted from the right; everything to the left of it was written
by the client and is not believed. `TRUSTED_PROXY_COUNT` (environment) says N; 0 (the
default) ignores the header entirely.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part.strip()]
    if len(forwarded) < count:
        # The proxies did not add what they should: fall back to the peer (the proxy), which
        # at worst groups clients together; never to a value the client could choose.
        return remote
    return _valid(forwarded[-count]) or remote
