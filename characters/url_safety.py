"""Which reference-image URLs we accept: public http(s) only. Nothing here fetches anything.

A URL we store may later be fetched by a worker or handed to an image provider, so a URL that
points into our own network (loopback, private ranges, link-local cloud metadata) is refused when
it is saved. A fetcher must still re-check at fetch time: DNS can change between the two.
"""

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from characters.exceptions import UnsafeReferenceUrl

Resolver = Callable[..., list]

_SCHEMES = {"http", "https"}


def _refuse(url: str, why: str):
    raise UnsafeReferenceUrl(f"Refused reference URL {url[:200]!r}: {why}.", fields={"image_url": why})


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _addresses(url: str, host: str, resolve: Resolver):
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = resolve(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        _refuse(url, "its host does not resolve")
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def reference_url_validate(url: str, *, resolve: Resolver = socket.getaddrinfo) -> str:
    """Return the URL stripped, or raise UnsafeReferenceUrl. `resolve` has getaddrinfo's signature."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        _refuse(url, "it is not a valid URL")
    if parts.scheme.lower() not in _SCHEMES:
        _refuse(url, "only http and https URLs are allowed")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        _refuse(url, "it has no host")
    if parts.username or parts.password:
        _refuse(url, "credentials in a URL are not allowed")
    if host == "localhost" or host.endswith(".localhost"):
        _refuse(url, "it points at this machine")
    addresses = _addresses(url, host, resolve)
    if not addresses or not all(_is_public(address) for address in addresses):
        _refuse(url, "it points at a private, loopback or link-local address")
    return url
