"""The visitor's address, for the report rate limit and the login throttle."""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
# Said once per process: the warning about a forwarded request with no proxy counted.
_warned = []


def client_address(request: HttpRequest) -> str:
    """The address of the client, as counted: an IPv6 address stands for its /64 (see _counted)."""
    return _counted(_address(request))


def _counted(address: str) -> str:
    """
    `address`, or for IPv6 the first address of its /64 network.

    A home or mobile connection gets a whole /64 (RFC 6177), and the
    device picks its addresses in it at will: counted one by one, an IPv6
    visitor could send any number of reports or sign-in attempts. An IPv4
    address mapped into IPv6 is the IPv4 address. Still an address, so
    django-axes can store it.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return address
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.IPv6Network((parsed, 64), strict=False).network_address)


def _address(request: HttpRequest) -> str:
    """
    REMOTE_ADDR; behind `TRUSTED_PROXY_COUNT` proxies, the address the outermost one saw.

    Behind a load balancer REMOTE_ADDR is the balancer's address: every
    visitor would share one report limit, and anyone could lock an editor's
    name out of the admin. Each proxy appends the address it received the
    request from to X-Forwarded-For, so with N proxies of our own the N-th
    entry from the right is the one the outermost proxy wrote; entries to its
    left come from the client and can be forged, so they are never read. A
    header that is missing, too short or not an address leaves REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        # From a private address, or none at all (a proxy on a unix socket).
        forwarded = "HTTP_X_FORWARDED_FOR" in request.META
        if not _warned and forwarded and (not remote or _private(remote)):
            _warned.append(True)
            # No address in the log: on a private network it may be a person's.
            logger.warning(
                "Requests come from a private address or a unix socket, with "
                "X-Forwarded-For, but "
                "DJANGO_TRUSTED_PROXY_COUNT is 0: every visitor behind that proxy shares "
                "one report limit and one login throttle. Set it to the number of your proxies."
            )
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def _private(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_private
    except ValueError:
        return False
