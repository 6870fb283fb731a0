"""Outgoing HTTP to addresses users give us — page fetches, feeds, webhooks — through one SSRF guard.

"Fetch a web page" with `http://10.0.0.5/admin` (or a public name that resolves there, or a public page
that redirects there) would turn an internal page into an article every reviewer can read. So every
request goes through `fetch`, which:

- resolves the host itself and refuses loopback, private, link-local, multicast, reserved and
  unspecified addresses, IPv4 and IPv6 alike, including IPv4 hidden inside IPv6 (mapped `::ffff:a.b.c.d`,
  compatible `::a.b.c.d`, 6to4, Teredo, NAT64);
- connects to the very address it checked (no second lookup a DNS-rebinding server could answer
  differently), sending the original host name for `Host` and TLS verification;
- follows redirects itself, checking every hop, and stops at a loop or after `MAX_REDIRECTS`;
- bounds time (per operation and overall) and size.

`NETWORK_ALLOW_LOOPBACK` (off in production, on in development and tests) lets loopback through so a
local receiver or page server works; nothing else private is ever allowed. Tests replace `resolver`
and `send` (the two functions that touch the network) to prove a refused address is never contacted.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_REDIRECTS = 5
USER_AGENT = "Quotecheck/1.0 (+https://github.com/quotecheck)"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that could not be made or completed; `status` is what an API should answer."""

    def __init__(self, message: str, *, code: str, status: int = 502):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


class RefusedError(FetchError):
    """The address is not one we may contact (SSRF guard): the client's fault, so a 400."""

    def __init__(self, message: str):
        super().__init__(message, code="refused", status=400)


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, if the server sent one."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip().strip("\"'"):
                return value.strip().strip("\"'")
        return None


# --- the address check -----------------------------------------------------------------------------


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client's address: where the packets really go
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress, *, allow_loopback: bool) -> str:
    """Why we may not connect to `address` ("" when it is a public address, or loopback and allowed)."""
    if isinstance(address, ipaddress.IPv6Address) and (inner := embedded_ipv4(address)) is not None:
        why = address_refusal(inner, allow_loopback=allow_loopback)
        return f"{why} (inside the IPv6 address {address})" if why else ""
    if address.is_loopback:
        return "" if allow_loopback else f"{address} is a loopback address"
    for label, flag in (
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    ):
        if flag:
            return f"{address} is a {label} address"
    if not address.is_global:
        return f"{address} is not a public address"
    return ""


def system_resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


# Replaced in tests by a stub: no test ever sends a DNS query for a name outside loopback.
resolver: Callable[[str, int], list[IPAddress]] = system_resolve


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_url(url: str) -> tuple[SplitResult, list[IPAddress]]:
    """The parsed URL and the addresses we may connect to; `RefusedError` if there are none."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedError(f"{url[:200]!r} is not a valid URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedError("Only http:// and https:// URLs with a host can be fetched.")
    host = parts.hostname
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"The host {host} could not be found ({exc.__class__.__name__}).", code="dns") from None
    allow = bool(getattr(settings, "NETWORK_ALLOW_LOOPBACK", False))
    reasons = [address_refusal(address, allow_loopback=allow) for address in addresses]
    if not addresses or any(reasons):
        # One bad address is enough to refuse: a round-robin name must not be a way in.
        why = next((r for r in reasons if r), "no address")
        raise RefusedError(f"Refused to contact {host}: {why}; only public addresses can be fetched.")
    return parts, addresses


def refusal(url: str) -> str:
    """Why a request to `url` would be refused ("" when it is allowed). Resolves the host."""
    try:
        check_url(url)
    except RefusedError as exc:
        return exc.message
    except FetchError:
        return ""  # unresolvable: the request itself fails later with a clear error
    return ""


# --- the request -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str
    parts: SplitResult
    headers: dict[str, str]
    body: bytes | None
    timeout: float
    max_bytes: int
    deadline: float  # time.monotonic() after which reading stops


def _host_header(parts: SplitResult) -> str:
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    return f"{host}:{parts.port}" if parts.port and parts.port != default else host


def send(address: IPAddress, request: Request) -> tuple[int, dict[str, str], bytes]:
    """One HTTP exchange with `address` (already checked), no redirects followed. Status, headers, body."""
    parts = request.parts
    port = parts.port or (443 if parts.scheme == "https" else 80)
    timeout = urllib3.Timeout(connect=request.timeout, read=request.timeout)
    pool: urllib3.HTTPConnectionPool
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeout,
            retries=False,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    else:
        pool = urllib3.HTTPConnectionPool(str(address), port, timeout=timeout, retries=False)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": _host_header(parts), **request.headers}
    with pool:
        response = pool.urlopen(
            request.method,
            path,
            body=request.body,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=True,
        )
        try:
            body = b"".join(_read_bounded(response, request))
        finally:
            response.release_conn()
    return response.status, {k.lower(): v for k, v in response.headers.items()}, body


def _read_bounded(response: urllib3.BaseHTTPResponse, request: Request) -> Iterator[bytes]:
    size = 0
    for chunk in response.stream(_CHUNK):
        size += len(chunk)
        if size > request.max_bytes:
            raise FetchError(f"The page is larger than {request.max_bytes:,} bytes.", code="too_large", status=413)
        if time.monotonic() > request.deadline:
            raise FetchError(f"No complete answer within {request.timeout:g} s.", code="timeout", status=504)
        yield chunk


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
    timeout: float,
    max_bytes: int,
    follow_redirects: bool = True,
) -> Response:
    """Request `url` through the guard; redirects (checked hop by hop) are followed unless told not to.

    Raises `RefusedError` (400) for a forbidden address and `FetchError` for anything else that went wrong;
    an HTTP error status is returned, not raised.
    """
    started = time.monotonic()
    seen: list[str] = []
    current = url
    all_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
    while True:
        parts, addresses = check_url(current)
        request = Request(
            method=method,
            parts=parts,
            headers=all_headers,
            body=body,
            timeout=timeout,
            max_bytes=max_bytes,
            deadline=started + timeout * 3,
        )
        status, response_headers, content = _send_to_first(addresses, request)
        location = response_headers.get("location")
        if not (follow_redirects and status in (301, 302, 303, 307, 308) and location):
            return Response(url=current, status=status, headers=response_headers, body=content, redirects=seen)
        seen.append(current)
        current = urljoin(current, location.strip())
        if current in seen:
            raise FetchError(
                f"The server redirects in a loop ({len(seen)} hops back to {current}).", code="redirect_loop"
            )
        if len(seen) > MAX_REDIRECTS:
            raise FetchError(f"More than {MAX_REDIRECTS} redirects.", code="too_many_redirects")
        if status == 303:
            method, body = "GET", None


def _send_to_first(addresses: list[IPAddress], request: Request) -> tuple[int, dict[str, str], bytes]:
    """Try each checked address in turn (IPv6 then IPv4, as resolved) until one answers."""
    where = _host_header(request.parts)
    reason = "no address"
    for address in addresses:
        try:
            return send(address, request)
        except FetchError:
            raise
        except NewConnectionError as exc:  # (a subclass of the timeout error in urllib3: checked first)
            reason = "the connection was refused" if "refused" in str(exc).lower() else "no connection"
        except Urllib3Timeout:
            raise FetchError(
                f"No answer from {where} within {request.timeout:g} s.", code="timeout", status=504
            ) from None
        except (Urllib3Error, OSError) as exc:
            reason = f"{exc.__class__.__name__}: {str(exc)[:200]}"
    raise FetchError(f"Could not fetch from {where}: {reason}.", code="fetch_failed")
