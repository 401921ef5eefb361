"""Client addresses past their retention period become a keyed hash (README "Bewaartermijnen").

The pseudonym is HMAC-SHA256 of the address under a key of the portal's own (the setting
RETENTION_PSEUDONYM_KEY, or else derived from SECRET_KEY), written as an IPv6 address in
2001:db8::/32, the range reserved for documentation (RFC 3849): the address columns keep
their type, a pseudonym can never be taken for a real client, and the same address gives the
same pseudonym, so "forty failed logins from one address" stays visible without the address.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings

RANGE = ipaddress.IPv6Network("2001:db8::/32")


def _key() -> bytes:
    if settings.RETENTION_PSEUDONYM_KEY:
        return settings.RETENTION_PSEUDONYM_KEY.encode()
    return hmac.new(
        str(settings.SECRET_KEY).encode(), b"ghnt-ip-pseudonym", hashlib.sha256
    ).digest()


def pseudonym(address: str) -> str:
    normal = ipaddress.ip_address(address).compressed
    digest = hmac.new(_key(), normal.encode(), hashlib.sha256).digest()
    return ipaddress.IPv6Address(RANGE.network_address.packed[:4] + digest[:12]).compressed


def is_pseudonym(address: str | None) -> bool:
    if not address:
        return False
    return ipaddress.ip_address(address) in RANGE
